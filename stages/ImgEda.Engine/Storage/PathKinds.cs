using System.Runtime.InteropServices;
using ImgEda.Core;

namespace ImgEda.Engine.Storage;

/// <summary>Tells a path's <see cref="PathKind"/> without following it: the engine takes in regular files only, so a
/// link, FIFO or device a step or a user leaves is never read through, moved or re-moded.</summary>
public static class PathKinds
{
    private const int AtCurrentDirectory = -100, AtSymlinkNoFollow = 0x100, StatxType = 0x1;

    // struct statx is the same on every architecture: 256 bytes, stx_mode (u16) at byte 28.
    private const int StatxSize = 256, ModeOffset = 28;

    private const int TypeMask = 0xF000, Regular = 0x8000, Directory = 0x4000, Link = 0xA000;

    public static PathKind Of(string path)
    {
        var buffer = new byte[StatxSize];
        if (Libc.Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType, buffer) != 0) return PathKind.Missing;
        return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) switch
        {
            Regular => PathKind.Regular,
            Directory => PathKind.Directory,
            Link => PathKind.SymbolicLink,
            _ => PathKind.Special,
        };
    }
}
