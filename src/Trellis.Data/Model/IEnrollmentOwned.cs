namespace Trellis.Data.Model;

/// <summary>Rows that belong to one enrollment: what a partner may see of a program is exactly these.</summary>
public interface IEnrollmentOwned
{
    string? EnrollmentId { get; }
}
