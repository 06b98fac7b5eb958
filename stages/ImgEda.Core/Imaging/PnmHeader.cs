namespace ImgEda.Core.Imaging;

/// <summary>Netpbm (P1-P6): whitespace-separated width, height and maxval after the magic, comments skipped.</summary>
internal static class PnmHeader
{
    public static ImageHeader Read(ReadOnlySpan<byte> b)
    {
        var kind = b[1] - '0';
        var pos = 2;
        var fields = new int[3];
        var need = kind is 1 or 4 ? 2 : 3;
        for (var f = 0; f < need; f++)
        {
            while (pos < b.Length && (char.IsWhiteSpace((char)b[pos]) || b[pos] == '#'))
            {
                if (b[pos] == '#') while (pos < b.Length && b[pos] != '\n') pos++;
                else pos++;
            }
            long value = 0;
            while (pos < b.Length && b[pos] is >= (byte)'0' and <= (byte)'9')
                value = Math.Min(value * 10 + (b[pos++] - '0'), int.MaxValue);
            fields[f] = (int)value;
        }
        var gray = kind is 1 or 2 or 4 or 5;
        return new ImageHeader
        {
            Format = ImageFormat.Pnm, Width = fields[0], Height = fields[1],
            BitDepth = need == 2 ? 1 : fields[2] > 255 ? 16 : 8,
            Channels = gray ? 1 : 3, ColorMode = gray ? "gray" : "rgb",
        };
    }
}
