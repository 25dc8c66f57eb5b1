using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Trellis.Server.Features.Tracking;

/// <summary>
/// A shared, writable mapping of a whole spool segment. On Unix it is a plain <c>mmap</c>/<c>munmap</c>:
/// unmapping never calls <c>msync</c> (the spool has to survive the process, not the machine, and a
/// consumed segment is deleted before its pages ever need to reach the disk). .NET's
/// <see cref="MemoryMappedViewAccessor"/> flushes the whole view synchronously when disposed, so it is
/// only used where there is no libc.
/// </summary>
internal abstract unsafe partial class SpoolMapping : IDisposable
{
    private readonly long _capacity;

    private SpoolMapping(byte* memory, long capacity)
    {
        Memory = memory;
        _capacity = capacity;
    }

    protected byte* Memory { get; private set; }

    public static SpoolMapping Map(string path, long capacity) =>
        OperatingSystem.IsWindows() ? ManagedMapping.Create(path, capacity) : UnixMapping.Create(path, capacity);

    public Span<byte> Slice(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + length, _capacity);
        return new Span<byte>(Memory + offset, length);
    }

    public void Dispose()
    {
        if (Memory is not null)
        {
            Release(Memory, _capacity);
            Memory = null;
        }
    }

    protected abstract void Release(byte* memory, long capacity);

    private sealed partial class UnixMapping(byte* memory, long capacity) : SpoolMapping(memory, capacity)
    {
        private const int ProtRead = 1, ProtWrite = 2, MapShared = 1;

        public static UnixMapping Create(string path, long capacity)
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            var address = mmap(0, (nuint)capacity, ProtRead | ProtWrite, MapShared, (int)file.DangerousGetHandle(), 0);
            if (address == -1)
            {
                throw new IOException($"Could not map the click spool segment {path} (errno {Marshal.GetLastPInvokeError()}).");
            }

            // The mapping keeps the file referenced; the descriptor is not needed any more.
            return new UnixMapping((byte*)address, capacity);
        }

        protected override void Release(byte* memory, long capacity) => munmap((nint)memory, (nuint)capacity);

        [LibraryImport("libc", SetLastError = true)]
        private static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

        [LibraryImport("libc")]
        private static partial int munmap(nint address, nuint length);
    }

    private sealed class ManagedMapping : SpoolMapping
    {
        private readonly MemoryMappedFile _map;
        private readonly MemoryMappedViewAccessor _view;

        private ManagedMapping(MemoryMappedFile map, MemoryMappedViewAccessor view, byte* memory, long capacity) : base(memory, capacity)
        {
            _map = map;
            _view = view;
        }

        public static ManagedMapping Create(string path, long capacity)
        {
            var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, capacity, MemoryMappedFileAccess.ReadWrite);
            var view = map.CreateViewAccessor(0, capacity, MemoryMappedFileAccess.ReadWrite);
            byte* memory = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref memory);
            return new ManagedMapping(map, view, memory, capacity);
        }

        protected override void Release(byte* memory, long capacity)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _map.Dispose();
        }
    }
}
