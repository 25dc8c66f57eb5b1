using System.ComponentModel.DataAnnotations;

namespace Trellis.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from the <c>Trellis</c> section.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Database { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite file and other local state (bootstrap key file).</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    /// <summary><c>ConnectionStrings:Trellis</c>; for SQLite, defaults to <c>trellis.db</c> in the data folder.</summary>
    public string? ConnectionString { get; set; }

    public string SqliteConnectionString() =>
        ConnectionString ?? $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), "trellis.db")};Pooling=True";
}
