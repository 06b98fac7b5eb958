using System.Diagnostics;
using ImgEda.Core;

namespace ImgEda.Plot;

/// <summary>SVG to PNG with librsvg's rsvg-convert (Debian: librsvg2-bin), at twice the SVG's size.</summary>
public static class SvgRasterizer
{
    public static byte[] ToPng(string svg)
    {
        var info = new ProcessStartInfo("rsvg-convert") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--zoom", "2", "--format", "png" }) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new UsageException("rsvg-convert is not installed: install librsvg2-bin (make deps does), or pass --no-png");
        }
        using (process)
        {
            var png = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(png);
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(svg);
            process.StandardInput.Close();
            copy.Wait();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"rsvg-convert failed: {errors.Result.Trim()}");
            return png.ToArray();
        }
    }
}
