using ImgEda.Core.Running;

namespace ImgEda.Core.Tests.Running;

public class ExitStatusTests
{
    public static TheoryData<Exception, int> Failures => new()
    {
        { new UsageException("bad option"), ExitStatus.Usage },
        { new FileNotFoundException("no such list"), ExitStatus.Usage },
        { new DirectoryNotFoundException("Could not find a part of the path"), ExitStatus.NotWritable },
        { new BusyException("another step is writing"), ExitStatus.Busy },
        { new OutputNotWritableException("read-only"), ExitStatus.NotWritable },
        { new IOException("No space left on device"), ExitStatus.NotWritable },
        { new UnauthorizedAccessException("denied"), ExitStatus.NotWritable },
        { new AggregateException(new IOException("No space left on device")), ExitStatus.NotWritable },
        {
            new TypeInitializationException("OpenCvSharp.Internal.NativeMethods", new TypeInitializationException(
                "OpenCvSharp.Internal.NativeMethods", new DllNotFoundException(
                    "Unable to load shared library 'OpenCvSharpExtern'\nlibOpenCvSharpExtern.so: cannot open"))),
            ExitStatus.Crashed
        },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_is_one_line_and_the_status_that_names_it(Exception failure, int status)
    {
        using var written = new StringWriter();
        var log = new StepLog("test", written, verbose: false);
        Assert.Equal(status, ExitStatus.Guarded(log, "the output", () => throw failure));
        Assert.Single(written.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_bug_is_not_hidden_behind_a_status()
    {
        var log = new StepLog("test", TextWriter.Null, verbose: false);
        Assert.Throws<InvalidOperationException>(() =>
            ExitStatus.Guarded(log, "the output", () => throw new InvalidOperationException("a bug")));
    }
}
