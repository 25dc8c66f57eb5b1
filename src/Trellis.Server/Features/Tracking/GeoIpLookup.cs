using System.Net;
using MaxMind.GeoIP2;
using Microsoft.Extensions.Options;

namespace Trellis.Server.Features.Tracking;

/// <summary>
/// Country from a local MaxMind database file when <c>Tracking:GeoIpDatabase</c> names one (memory-mapped,
/// microseconds per lookup); otherwise always unknown. Never a network call.
/// </summary>
public sealed class GeoIpLookup : IDisposable
{
    private readonly DatabaseReader? _reader;

    public GeoIpLookup(IOptions<TrackingOptions> options)
    {
        if (options.Value.GeoIpDatabase is { Length: > 0 } path)
        {
            _reader = new DatabaseReader(path, MaxMind.Db.FileAccessMode.MemoryMapped);
        }
    }

    public string? Country(IPAddress? address)
    {
        if (_reader is null || address is null)
        {
            return null;
        }

        try
        {
            return _reader.Metadata.DatabaseType.Contains("City", StringComparison.OrdinalIgnoreCase)
                ? _reader.TryCity(address, out var city) ? city?.Country.IsoCode : null
                : _reader.TryCountry(address, out var country) ? country?.Country.IsoCode : null;
        }
        catch (MaxMind.Db.InvalidDatabaseException)
        {
            return null;
        }
    }

    public void Dispose() => _reader?.Dispose();
}
