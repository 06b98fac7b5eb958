namespace ImgEda.Hash.Tests;

/// <summary>The definitions of DESIGN.md §2 on images small enough to compute by hand.</summary>
public class HashDefinitionTests
{
    [Fact]
    public void AverageHash_sets_a_bit_for_each_pixel_at_or_above_the_integer_mean_first_pixel_highest()
    {
        var gray = new byte[64];
        gray[0] = 255;                       // mean = 255/64 = 3 (integer): only pixel 0 is >= 3
        Assert.Equal(0x8000_0000_0000_0000UL, AverageHash.FromGray(gray));
        gray[63] = 3;                        // sum 258, mean 4: pixel 63 (value 3) stays below
        Assert.Equal(0x8000_0000_0000_0000UL, AverageHash.FromGray(gray));
        gray[63] = 4;                        // sum 259, mean 4: pixel 63 == mean counts
        Assert.Equal(0x8000_0000_0000_0001UL, AverageHash.FromGray(gray));
        Assert.Equal(ulong.MaxValue, AverageHash.FromGray(Enumerable.Repeat((byte)9, 64).ToArray()));
    }

    [Fact]
    public void DifferenceHash_compares_each_pixel_with_its_right_neighbour_row_by_row()
    {
        var rising = new byte[72];
        for (var y = 0; y < 8; y++) for (var x = 0; x < 9; x++) rising[y * 9 + x] = (byte)(x * 10);
        Assert.Equal(ulong.MaxValue, DifferenceHash.FromGray(rising));

        var firstRowOnly = new byte[72];
        for (var x = 0; x < 9; x++) firstRowOnly[x] = (byte)(x * 10);
        Assert.Equal(0xFF00_0000_0000_0000UL, DifferenceHash.FromGray(firstRowOnly));

        var equal = Enumerable.Repeat((byte)50, 72).ToArray(); // "left < right" is strict
        Assert.Equal(0UL, DifferenceHash.FromGray(equal));
    }

    [Fact]
    public void The_mirrored_block_is_the_block_of_the_mirrored_pixels()
    {
        var random = new Random(5);
        var gray = new byte[64 * 64];
        random.NextBytes(gray);
        var flipped = new byte[64 * 64];
        for (var y = 0; y < 64; y++) for (var x = 0; x < 64; x++) flipped[y * 64 + x] = gray[y * 64 + 63 - x];
        var mirrored = PerceptualHash.Mirrored(PerceptualHash.LowFrequencies(gray));
        var direct = PerceptualHash.LowFrequencies(flipped);
        for (var i = 0; i < 64; i++) Assert.Equal(direct[i], mirrored[i], 9);
        Assert.Equal(PerceptualHash.FromGray(flipped), PerceptualHash.FromCoefficients(mirrored));
    }

    [Fact]
    public void PerceptualHash_of_a_flat_image_keeps_only_the_DC_coefficient_above_the_median()
    {
        var flat = Enumerable.Repeat((byte)100, 64 * 64).ToArray();
        var block = PerceptualHash.LowFrequencies(flat);
        Assert.Equal(100 * 64, block[0], 6);  // orthonormal DCT-II: DC = mean x N for a 64x64 block
        Assert.All(block.Skip(1), c => Assert.Equal(0, c, 6));
        Assert.Equal(0x8000_0000_0000_0000UL, PerceptualHash.FromGray(flat));
    }

    [Fact]
    public void PerceptualHash_of_a_horizontal_cosine_sets_its_own_coefficient()
    {
        // A cosine along x at frequency 1 puts its energy in horizontal frequency 1, vertical 0, besides the DC: entry
        // 1 * 8 + 0 in CoenM's layout (the 2-D DCT's block transposed), so bit 63 - 8.
        var pixels = new byte[64 * 64];
        for (var y = 0; y < 64; y++)
            for (var x = 0; x < 64; x++)
                pixels[y * 64 + x] = (byte)Math.Round(128 + 100 * Math.Cos(Math.PI * (2 * x + 1) * 1 / 128.0));
        var block = PerceptualHash.LowFrequencies(pixels);
        var strongest = Enumerable.Range(1, 63).MaxBy(i => Math.Abs(block[i]));
        Assert.Equal(8, strongest);
        // The other 62 coefficients are zero up to rounding, so only the DC and (1, 0) bits are certain.
        Assert.Equal(0x8080_0000_0000_0000UL, PerceptualHash.FromGray(pixels) & 0x8080_0000_0000_0000UL);
    }

    [Fact]
    public void Median_is_the_mean_of_the_two_middle_values_and_bits_are_strictly_greater()
    {
        var block = Enumerable.Range(0, 64).Select(i => (double)i).ToArray(); // median 31.5: values 32..63 set
        Assert.Equal(0x0000_0000_FFFF_FFFFUL, PerceptualHash.FromCoefficients(block));
    }

    [Fact]
    public void Similarity_and_distance_follow_CoenM()
    {
        Assert.Equal(0, HashInput.Distance(0xF0, 0xF0));
        Assert.Equal(64, HashInput.Distance(0, ulong.MaxValue));
        Assert.Equal(100.0, HashInput.Similarity(5, 5));
        Assert.Equal(50.0, HashInput.Similarity(0, 0xFFFF_FFFFUL));
        Assert.Equal("00000000000000ff", HashInput.Hex(255));
    }
}
