using ImgEda.OpenCv;

namespace ImgEda.OpenCv.Tests;

public class ImgCodecsTests
{
    [Fact]
    public void Png_encoding_is_lossless()
    {
        var pixels = Enumerable.Range(0, 16 * 9 * 3).Select(i => (byte)(i * 31)).ToArray();
        using var mat = Mat.FromPixels(9, 16, MatType.CV_8UC3, pixels);
        var png = ImgCodecs.Encode(".png", mat);
        Assert.Equal(0x89, png[0]);
        using var back = ImgCodecs.Decode(png, ImreadModes.Unchanged);
        Assert.NotNull(back);
        Assert.Equal(pixels, back.ToArray<byte>());
    }

    [Fact]
    public void Bytes_that_are_no_image_decode_to_null()
    {
        Assert.Null(ImgCodecs.Decode("not an image at all"u8));
        Assert.Null(ImgCodecs.Read("/nonexistent/file.png"));
    }

    [Fact]
    public void Reading_a_sample_file_matches_decoding_its_bytes()
    {
        var path = Path.Combine(RepoPaths.Samples, "coffee.png");
        using var read = ImgCodecs.Read(path);
        using var decoded = ImgCodecs.Decode(File.ReadAllBytes(path));
        Assert.NotNull(read);
        Assert.Equal(read.ToArray<byte>(), decoded!.ToArray<byte>());
        Assert.Equal((400, 600, 3), (read.Rows, read.Cols, read.Channels));
    }

    [Fact]
    public void Unknown_encoder_extension_is_an_OpenCvException()
    {
        using var mat = Mat.FromPixels(2, 2, MatType.CV_8UC1, new byte[4]);
        Assert.Throws<OpenCvException>(() => ImgCodecs.Encode(".nope", mat));
    }
}
