using System.Runtime.InteropServices;

namespace FreshFoodz.Monitoring.Documents;

/// <summary>What a path names, without following a link at its end and without opening it (a pipe would block).</summary>
public enum FileNodeKind
{
    Missing,
    RegularFile,
    Folder,
    SymbolicLink,

    /// <summary>A character or block device, a named pipe (FIFO) or a socket.</summary>
    Special,
}

/// <summary>
/// The kind of a path and its canonical form. .NET has no public call for a file's type (a device and an empty file
/// look the same to FileInfo), so on Unix it asks lstat through the runtime's own native shim, System.Native, whose
/// <c>FileStatus</c> is the same on every platform .NET runs on (dotnet/runtime, src/native/libs/System.Native/pal_io.h).
/// </summary>
public static class FileNode
{
    public static FileNodeKind Kind(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return FileNodeKind.SymbolicLink;
        }
        if (Directory.Exists(path))
        {
            return FileNodeKind.Folder;
        }
        if (!info.Exists)
        {
            return FileNodeKind.Missing;
        }
        if (OperatingSystem.IsWindows())
        {
            return FileNodeKind.RegularFile;
        }
        return LStat(path, out var status) == 0 && (status.Mode & TypeMask) != RegularType ? FileNodeKind.Special : FileNodeKind.RegularFile;
    }

    /// <summary>
    /// <paramref name="path"/> absolute, with every symbolic link on the way resolved (at most 40, as Linux allows), so
    /// two names of one file compare equal: the link in a folder chain, a relative link, <c>..</c>.
    /// </summary>
    public static string Canonical(string path) => Canonical(Path.GetFullPath(path), 0);

    private static string Canonical(string full, int links)
    {
        var parent = Path.GetDirectoryName(full);
        if (parent is null)
        {
            return full;
        }
        var folder = Canonical(parent, links);
        var here = Path.Combine(folder, Path.GetFileName(full));
        return links < MaxLinks && new FileInfo(here).LinkTarget is { } target
            ? Canonical(Path.GetFullPath(target, folder), links + 1)
            : here;
    }

    private const int MaxLinks = 40;

    /// <summary>S_IFMT and S_IFREG as System.Native defines them (pal_io.h: PAL_S_IFMT, PAL_S_IFREG).</summary>
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;

    /// <summary>System.Native's FileStatus (pal_io.h): only <see cref="Mode"/> is read.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
        public long ATime;
        public long ATimeNsec;
        public long MTime;
        public long MTimeNsec;
        public long CTime;
        public long CTimeNsec;
        public long BirthTime;
        public long BirthTimeNsec;
        public long Dev;
        public long RDev;
        public long Ino;
        public uint UserFlags;
    }

    // DllImport, not LibraryImport: the generated stub needs unsafe code, and a string and a blittable struct need no more.
#pragma warning disable SYSLIB1054
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat")]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);
#pragma warning restore SYSLIB1054
}
