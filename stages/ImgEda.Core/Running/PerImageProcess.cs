using ImgEda.Core.Imaging;

namespace ImgEda.Core.Running;

/// <summary>What a per-image step's process does once its command line is read: outside Pachyderm it becomes the
/// crash supervisor of a child that does the work (a crashing or hanging decoder costs one datum, not the run); the
/// worker sets OpenCV's threads, captures the decoder's stderr lines as `decoder:` warnings naming the datum, and runs
/// the datums.</summary>
public static class PerImageProcess
{
    public static int Run(RunOptions options, IReadOnlyList<string> args, StepLog log, TimeSpan datumTimeout,
        Func<IDatumProcessor> build)
    {
        if (CrashSupervisor.ShouldSupervise(options)) return new CrashSupervisor(log, datumTimeout).Run(args);
        var supervised = SupervisedChild.FromEnvironment();
        options = supervised?.Apply(options) ?? options;
        // Parallel datums: one OpenCV thread each; one worker: OpenCV's own threads.
        OpenCvRuntime.UseThreads(options.Workers > 1 ? 1 : -1);
        using var noise = DecoderNoiseCapture.Start(
            (line, inFlight) => log.Warn($"decoder: {line} (while decoding {inFlight})"));
        var processor = build();
        if (options.PachDatumId is not null) log.Debug($"Pachyderm datum {options.PachDatumId}");
        var summary = new StepRunner(processor, options, log).Run(
            datum =>
            {
                supervised?.Started(datum);
                noise.Enter(datum);
            },
            datum =>
            {
                noise.Leave(datum);
                supervised?.Ended(datum);
            });
        log.Info(summary.ToString());
        var problems = summary.Failed + summary.BadImages > 0;
        return options.Strict && problems ? ExitStatus.ProblemsFound : ExitStatus.Done;
    }
}
