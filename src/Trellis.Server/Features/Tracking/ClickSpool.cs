using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;
using Trellis.Data;

namespace Trellis.Server.Features.Tracking;

/// <summary>
/// The durable hand-off between the redirect and the click writer: append-only segment files in
/// <c>&lt;data&gt;/spool</c>, memory-mapped. A redirect copies its click into the mapped file (no system
/// call, no fsync, no database) before answering; the mapped pages belong to the kernel, so a click
/// that got its 302 survives the process being killed. The writer reads records back in order, commits them to the database, then
/// records its position in a checkpoint file and deletes finished segments. At start, whatever is left
/// (after a crash, or a database outage) is read first.
/// </summary>
public sealed partial class ClickSpool : IDisposable
{
    private const string SegmentPattern = "clicks-*.spool";
    private const string CheckpointFile = "checkpoint";

    private readonly Lock _gate = new();
    // Copy-on-write: appenders add a segment on rotation and the writer drops finished ones, both under
    // the lock; the writer reads without it, so a descheduled low-priority writer never holds up a redirect.
    private volatile Segment[] _segments = [];
    private readonly TrackingOptions _options;
    private readonly TrackingMetrics _metrics;
    private readonly ILogger<ClickSpool> _logger;
    private readonly string _directory;
    private Segment? _current;
    private Task<Segment>? _spare;
    private long _liveBytes;
    private long _readOffset;
    private long _pendingOffset;
    private long _committedSegment;
    private long _committedOffset;
    private long _dropped;

    public ClickSpool(IOptions<TrackingOptions> options, DatabaseOptions database, TrackingMetrics metrics, ILogger<ClickSpool> logger)
    {
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _directory = Path.GetFullPath(_options.SpoolDirectory ?? Path.Combine(database.DataDirectory, "spool"));
        _metrics.ObserveSpool(() => Interlocked.Read(ref _liveBytes));
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Opens the spool: segments left by an earlier run are queued for the writer before new ones.</summary>
    public void Open()
    {
        lock (_gate)
        {
            if (_current is not null)
            {
                return;
            }

            Directory.CreateDirectory(_directory);
            var (checkpointSegment, checkpointOffset) = ReadCheckpoint();
            foreach (var path in Directory.GetFiles(_directory, SegmentPattern).Order(StringComparer.Ordinal))
            {
                var number = long.Parse(Path.GetFileNameWithoutExtension(path)["clicks-".Length..], CultureInfo.InvariantCulture);
                if (number < checkpointSegment)
                {
                    File.Delete(path);
                    continue;
                }

                var segment = Segment.OpenExisting(number, path);
                _segments = [.. _segments, segment];
                _liveBytes += segment.Length;
            }

            if (_segments.Length > 0 && _segments[0].Number == checkpointSegment)
            {
                _readOffset = _pendingOffset = Math.Min(checkpointOffset, _segments[0].Length);
                _liveBytes -= _readOffset;
            }

            if (_liveBytes > 0)
            {
                LogReplaying(_segments.Length, _liveBytes);
            }

            // Never reuse the checkpoint's segment number: its offset belongs to the old file.
            _current = NewSegment(_segments.Length == 0 ? checkpointSegment + 1 : _segments[^1].Number + 1);
            _committedSegment = _segments[0].Number;
            _committedOffset = _readOffset;
        }
    }

    /// <summary>
    /// Appends a click. Never blocks on the database; false (and counted as dropped) only when the spool
    /// has reached its size bound because the writer cannot keep up or the database is down.
    /// </summary>
    public bool TryAppend(in SpooledClick click)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(SpooledClickFormat.MaxRecordLength + 64);
        try
        {
            var length = SpooledClickFormat.Write(click, buffer);
            lock (_gate)
            {
                if (Interlocked.Read(ref _liveBytes) + length > _options.MaxSpoolBytes)
                {
                    return Drop();
                }

                var current = _current ?? throw new InvalidOperationException("The click spool is not open.");
                if (current.Length + length > current.Capacity)
                {
                    if (!TryRotate(out current))
                    {
                        return Drop();
                    }
                }

                current.Append(buffer.AsSpan(0, length));
                Interlocked.Add(ref _liveBytes, length);
            }

            _metrics.Spooled();
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private bool Drop()
    {
        var dropped = Interlocked.Increment(ref _dropped);
        _metrics.Dropped();
        if ((dropped & (dropped - 1)) == 0)
        {
            LogDropped(dropped, Interlocked.Read(ref _liveBytes));
        }

        return false;
    }

    /// <summary>Seals the current segment and starts the next; false when no new file can be made (disk full).</summary>
    private bool TryRotate(out Segment current)
    {
        current = _current!;
        Segment next;
        try
        {
            next = TakeSpare(current.Number + 1) ?? NewSegment(current.Number + 1);
        }
        catch (IOException ex)
        {
            LogNoSegment(ex);
            return false;
        }

        current.Seal();
        current = _current = next;
        return true;
    }

    /// <summary>
    /// Reads up to <paramref name="max"/> records after the last committed position into <paramref name="into"/>.
    /// Only the writer calls this, and only after committing what it read before.
    /// </summary>
    public int Read(List<SpooledClick> into, int max)
    {
        while (true)
        {
            var segments = _segments;
            var segment = segments[0];
            var sealedBefore = segment.Sealed;
            var available = segment.Length - _readOffset;
            if (available == 0 && sealedBefore && segments.Length > 1)
            {
                // Fully read and committed (and sealed before we looked, so nothing more can land in it).
                lock (_gate)
                {
                    _segments = _segments[1..];
                }

                segment.Delete();
                _readOffset = _pendingOffset = 0;
                continue;
            }

            if (available == 0)
            {
                return 0;
            }

            // Enough for `max` typical records (a few hundred bytes each) and always for one of the largest:
            // under a backlog, reading megabytes to use a fraction of them is the writer's main waste.
            var size = (int)Math.Min(available, Math.Clamp(max * 512L, 2 * SpooledClickFormat.MaxRecordLength, 4 * 1024 * 1024));
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                var read = RandomAccess.Read(segment.ReadHandle, buffer.AsSpan(0, size), _readOffset);
                var span = buffer.AsSpan(0, read);
                var consumed = 0;
                var count = 0;
                while (count < max && SpooledClickFormat.TryRead(span[consumed..], out var click, out var length))
                {
                    into.Add(click);
                    consumed += length;
                    count++;
                }

                if (count < max && consumed < read)
                {
                    SpooledClickFormat.TryRead(span[consumed..], out _, out var status);
                    var cutByBuffer = status == 0 && read < available;
                    if (!cutByBuffer)
                    {
                        // A torn or damaged record: only a crash mid-write leaves one, at the end of a
                        // segment. Skip to the segment's end; what follows was written after a restart.
                        LogSkipped(segment.Number, available - consumed);
                        consumed = (int)available;
                    }
                }

                _pendingOffset = _readOffset + consumed;
                if (count == 0 && consumed > 0)
                {
                    Commit();
                    continue;
                }

                return count;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Marks what the last <see cref="Read"/> returned as stored in the database.</summary>
    public void Commit()
    {
        // The bound is on clicks not yet in the database, so committing frees room at once.
        Interlocked.Add(ref _liveBytes, _readOffset - _pendingOffset);
        _readOffset = _pendingOffset;
        var segmentNumber = _segments[0].Number;

        Span<byte> checkpoint = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(checkpoint, segmentNumber);
        BinaryPrimitives.WriteInt64LittleEndian(checkpoint[8..], _readOffset);
        File.WriteAllBytes(Path.Combine(_directory, CheckpointFile), checkpoint.ToArray());
        Volatile.Write(ref _committedOffset, _readOffset);
        Volatile.Write(ref _committedSegment, segmentNumber);
    }

    /// <summary>True when every appended record has been committed.</summary>
    public bool IsDrained
    {
        get
        {
            var segments = _segments;
            return segments.Length == 1 && _readOffset == segments[0].Length;
        }
    }

    /// <summary>Waits until every click appended before the call is in the database.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        long number;
        long length;
        lock (_gate)
        {
            number = _current!.Number;
            length = _current.Length;
        }

        while (!IsDrained
            && (Volatile.Read(ref _committedSegment) < number
                || (Volatile.Read(ref _committedSegment) == number && Volatile.Read(ref _committedOffset) < length)))
        {
            await Task.Delay(5, ct);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            // After a clean drain nothing is left to replay: leave no files behind.
            var drained = _segments.Length == 1 && _readOffset == _segments[0].Length;
            foreach (var segment in _segments)
            {
                if (drained)
                {
                    segment.Delete();
                    File.Delete(Path.Combine(_directory, CheckpointFile));
                }
                else
                {
                    segment.Close();
                }
            }

            _segments = [];
            _current = null;
            if (_spare is { } spare)
            {
                // An unused spare holds no clicks: never leave it behind as a segment to replay.
                try
                {
                    spare.Wait(TimeSpan.FromSeconds(30));
                    if (spare.IsCompletedSuccessfully)
                    {
                        spare.GetAwaiter().GetResult().Delete();
                    }
                }
                catch (AggregateException)
                {
                }

                _spare = null;
            }
        }
    }

    private static readonly TimeSpan SpareWait = TimeSpan.FromSeconds(30);

    private Segment NewSegment(long number)
    {
        var segment = Segment.Create(number, SegmentPath(number), _options.SegmentBytes);
        _segments = [.. _segments, segment];
        PrepareSpare(number + 1);
        return segment;
    }

    /// <summary>The next segment is written out in the background, so rotation on the hot path is a swap.</summary>
    private void PrepareSpare(long number)
    {
        var capacity = _options.SegmentBytes;
        var path = SegmentPath(number);
        _spare = Task.Run(() => Segment.Create(number, path, capacity));
    }

    /// <summary>
    /// The spare for <paramref name="number"/>, waiting for it when it is still being written: making the
    /// same file again beside it would truncate a mapped segment under the redirects' stores.
    /// </summary>
    private Segment? TakeSpare(long number)
    {
        if (_spare is not { } spare)
        {
            return null;
        }

        try
        {
            if (!spare.Wait(SpareWait))
            {
                throw new IOException($"Click spool segment {number} is still being written after {SpareWait.TotalSeconds} s.");
            }
        }
        catch (AggregateException)
        {
            // Writing the spare failed (disk full); the caller tries once more itself.
            _spare = null;
            return null;
        }

        // GetResult on a task already completed: nothing blocks.
        var segment = spare.GetAwaiter().GetResult();
        _spare = null;
        if (segment.Number != number)
        {
            segment.Delete();
            return null;
        }

        _segments = [.. _segments, segment];
        PrepareSpare(number + 1);
        return segment;
    }

    private string SegmentPath(long number) =>
        Path.Combine(_directory, $"clicks-{number.ToString("D12", CultureInfo.InvariantCulture)}.spool");

    private (long Segment, long Offset) ReadCheckpoint()
    {
        var path = Path.Combine(_directory, CheckpointFile);
        if (!File.Exists(path))
        {
            return (0, 0);
        }

        var bytes = File.ReadAllBytes(path);
        return bytes.Length == 16
            ? (BinaryPrimitives.ReadInt64LittleEndian(bytes), BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)))
            : (0, 0);
    }

    /// <summary>
    /// One spool file. The segment being appended to is mapped into memory at its full capacity; records
    /// are copied in under the spool's lock, so they land in order and only the last can be torn by a
    /// crash. Reads go through a plain file handle, which sees the same pages. Sealing only marks the
    /// segment: it stays mapped until the writer has consumed and deleted it, so no redirect ever waits on
    /// an unmap, and a consumed segment's pages are dropped with the file instead of being written to disk.
    /// </summary>
    private sealed class Segment
    {
        // Shared and under the large-object threshold: a fresh megabyte per segment made a gen-2 collection.
        private static readonly byte[] Zeros = new byte[64 * 1024];
        private readonly string _path;
        private SpoolMapping? _mapping;

        private Segment(long number, string path, SafeFileHandle readHandle)
        {
            Number = number;
            _path = path;
            ReadHandle = readHandle;
        }

        public long Number { get; }
        public SafeFileHandle ReadHandle { get; }
        private long _length;
        private volatile bool _sealed;

        /// <summary>Bytes of whole records; published after each copy, read by the writer without the lock.</summary>
        public long Length
        {
            get => Volatile.Read(ref _length);
            private init => _length = value;
        }

        public long Capacity { get; private init; }

        public bool Sealed
        {
            get => _sealed;
            private init => _sealed = value;
        }

        public static Segment Create(long number, string path, long capacity)
        {
            // Write the whole file with zeros and flush it before mapping it. A full disk then fails here,
            // where it counts as a full spool, not as SIGBUS on a store into a sparse mapping; and stores
            // into blocks that are already written never need the filesystem journal, so a redirect never
            // waits behind the database's fsync.
            using (var file = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite, FileOptions.None, capacity))
            {
                for (long offset = 0; offset < capacity; offset += Zeros.Length)
                {
                    RandomAccess.Write(file, Zeros.AsSpan(0, (int)Math.Min(Zeros.Length, capacity - offset)), offset);
                }

                RandomAccess.FlushToDisk(file);
            }

            return new Segment(number, path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                Capacity = capacity,
                _mapping = SpoolMapping.Map(path, capacity),
            };
        }

        /// <summary>A segment left by an earlier run: its data ends where its records stop being valid.</summary>
        public static Segment OpenExisting(long number, string path)
        {
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var bytes = new byte[RandomAccess.GetLength(handle)];
            var read = RandomAccess.Read(handle, bytes, 0);
            var end = 0;
            while (SpooledClickFormat.TryRead(bytes.AsSpan(end, read - end), out _, out var length))
            {
                end += length;
            }

            return new Segment(number, path, handle) { Length = end, Capacity = end, Sealed = true };
        }

        public void Append(ReadOnlySpan<byte> record)
        {
            record.CopyTo(_mapping!.Slice(_length, record.Length));
            Volatile.Write(ref _length, _length + record.Length);
        }

        /// <summary>No more appends; the mapping stays until the writer deletes the segment.</summary>
        public void Seal() => _sealed = true;

        public void Close()
        {
            Interlocked.Exchange(ref _mapping, null)?.Dispose();
            ReadHandle.Dispose();
        }

        public void Delete()
        {
            Close();
            File.Delete(_path);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaying {Segments} click spool segment(s), {Bytes} bytes, left by the previous run")]
    private partial void LogReplaying(int segments, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Click spool full ({Bytes} bytes): {Dropped} click(s) dropped so far")]
    private partial void LogDropped(long dropped, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not start a new click spool segment; clicks are dropped until there is room")]
    private partial void LogNoSegment(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Bytes} damaged bytes at the end of click spool segment {Segment}")]
    private partial void LogSkipped(long segment, long bytes);
}
