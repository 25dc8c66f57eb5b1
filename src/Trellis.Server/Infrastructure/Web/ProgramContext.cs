using Microsoft.EntityFrameworkCore;

namespace Trellis.Server.Infrastructure.Web;

public sealed record ProgramOption(string Id, string Name, string Currency);

/// <summary>
/// The programs of this console tab and the one being looked at: program pages set it from their route,
/// the picker and the navigation follow it.
/// </summary>
public sealed class ProgramContext(ConsoleData data)
{
    private bool _loaded;

    public IReadOnlyList<ProgramOption> Programs { get; private set; } = [];

    public string? CurrentId { get; private set; }

    /// <summary>The program in view, else the first one (for links from pages that have none).</summary>
    public ProgramOption? Current => Programs.FirstOrDefault(p => p.Id == CurrentId) ?? Programs.FirstOrDefault();

    public event Action? Changed;

    public async Task EnsureLoadedAsync()
    {
        if (!_loaded)
        {
            await ReloadAsync();
        }
    }

    public async Task ReloadAsync()
    {
        Programs = await data.QueryAsync(db => db.Programs.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new ProgramOption(p.Id, p.Name, p.Currency)).ToListAsync());
        _loaded = true;
        Changed?.Invoke();
    }

    public async Task SelectAsync(string? programId)
    {
        await EnsureLoadedAsync();
        if (CurrentId != programId)
        {
            CurrentId = programId;
            Changed?.Invoke();
        }
    }
}
