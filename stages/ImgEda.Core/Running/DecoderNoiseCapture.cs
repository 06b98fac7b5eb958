using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ImgEda.Core.Running;

/// <summary>libjpeg and libpng print warnings ("Premature end of JPEG file") straight to file descriptor 2. This moves
/// fd 2 onto a pipe, keeps the real stderr for our own log, and turns each native line into a log event naming
/// the datums being decoded when it was written (exactly one with --workers 1). Each worker writes a begin and an
/// end marker into the same pipe, so the pipe's own ordering tells which datums were in flight for every
/// line.</summary>
public sealed class DecoderNoiseCapture : IDisposable
{
    private const char Marker = '\u0001';
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Thread? _reader;
    private readonly int _readFd = -1;

    public TextWriter RealStderr { get; }

    private DecoderNoiseCapture(TextWriter realStderr, int readFd, Action<string, string> onLine)
    {
        RealStderr = realStderr;
        _readFd = readFd;
        if (readFd < 0) return;
        _reader = new Thread(() => Pump(onLine)) { IsBackground = true, Name = "decoder-noise" };
        _reader.Start();
    }

    /// <summary>Starts capturing; <paramref name="onLine"/> gets each native line and the datums in flight when it was
    /// written. Console.Error keeps writing to the real stderr.</summary>
    public static DecoderNoiseCapture Start(Action<string, string> onLine)
    {
        var pipe = new int[2];
        var saved = Libc.Dup(2);
        if (saved < 0 || Libc.Pipe(pipe) != 0 || Libc.Dup2(pipe[1], 2) < 0)
        {
            return new DecoderNoiseCapture(Console.Error, -1, onLine);
        }
        Libc.Close(pipe[1]);
        var savedStderr = new FileStream(new SafeFileHandle(saved, ownsHandle: true), FileAccess.Write);
        var real = new StreamWriter(savedStderr, new UTF8Encoding(false)) { AutoFlush = true };
        Console.SetError(real);
        return new DecoderNoiseCapture(real, pipe[0], onLine);
    }

    public void Enter(string datum) => WriteMarker('+', datum);
    public void Leave(string datum) => WriteMarker('-', datum);

    /// <summary>The datums in flight when the current line was written; read on the pump thread only.</summary>
    private string InFlight => string.Join(", ", _inFlight.Keys.Order(StringComparer.Ordinal));

    private unsafe void WriteMarker(char kind, string datum)
    {
        if (_readFd < 0) return;
        // One write(2) of less than PIPE_BUF bytes is atomic, so markers never interleave with native lines.
        var bytes = Encoding.UTF8.GetBytes($"{Marker}{kind}{datum.ReplaceLineEndings("\\n")}\n");
        fixed (byte* p = bytes) Libc.Write(2, p, bytes.Length);
    }

    private void Track(string line)
    {
        var datum = line[2..];
        if (line[1] == '+') _inFlight[datum] = _inFlight.GetValueOrDefault(datum) + 1;
        else if (_inFlight.TryGetValue(datum, out var n))
        {
            if (n <= 1) _inFlight.Remove(datum);
            else _inFlight[datum] = n - 1;
        }
    }

    private void Pump(Action<string, string> onLine)
    {
        using var stream = new FileStream(new SafeFileHandle(_readFd, ownsHandle: true), FileAccess.Read, 1);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length >= 2 && line[0] == Marker) Track(line);
            else if (line.Length > 0) onLine(line, InFlight);
        }
    }

    public void Dispose()
    {
        // Put the real stderr back on fd 2; the pipe's write end closes, so the pump sees end-of-file and stops.
        if (_readFd < 0) return;
        Console.Error.Flush();
        if (RealStderr is StreamWriter { BaseStream: FileStream fs })
            Libc.Dup2((int)fs.SafeFileHandle.DangerousGetHandle(), 2);
        _reader?.Join(TimeSpan.FromSeconds(1));
    }
}
