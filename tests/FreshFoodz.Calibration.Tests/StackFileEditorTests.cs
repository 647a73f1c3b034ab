namespace FreshFoodz.Calibration.Tests;

public sealed class StackFileEditorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("freshfoodz-editor-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly ScalarEdit Rate = new("freshfoodz:workload", ["api", "baselineRequestsPerSecond"], "61.5");

    /// <summary>calibrate --write through a symbolic link, on a file with a byte-order mark and mode 0640.</summary>
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void WriteKeepsTheLinkTheModeAndTheByteOrderMark()
    {
        var original = File.ReadAllText(Path.Combine(FreshFoodz.Testing.RepositoryRoot.Path, "Pulumi.de-prod.yaml"));
        Directory.CreateDirectory(Path.Combine(_dir, "real"));
        var target = Path.Combine(_dir, "real", "de-prod.yaml");
        File.WriteAllBytes(target, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(original)]);
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(target, mode);
        var link = Path.Combine(_dir, "Pulumi.de-prod.yaml");
        File.CreateSymbolicLink(link, Path.Combine("real", "de-prod.yaml"));
        FreshFoodz.Testing.ProjectCopy.CopyEnvironments(_dir);

        StackFileEditor.Write(link, "de-prod", [Rate]);

        Assert.Equal(Path.Combine("real", "de-prod.yaml"), new FileInfo(link).LinkTarget);
        var bytes = File.ReadAllBytes(target);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(original.Replace("baselineRequestsPerSecond: 50", "baselineRequestsPerSecond: 61.5", StringComparison.Ordinal),
            System.Text.Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(mode, File.GetUnixFileMode(target));
        Assert.Equal(["de-prod.yaml"], Directory.EnumerateFiles(Path.Combine(_dir, "real")).Select(Path.GetFileName));
    }

    /// <summary>A measured mean no SLO can meet would make the stack invalid: refused, the file byte for byte as it was.</summary>
    [Fact]
    public void AnEditThatWouldNotValidateLeavesTheFileAlone()
    {
        var path = Path.Combine(_dir, "Pulumi.de-prod.yaml");
        File.Copy(Path.Combine(FreshFoodz.Testing.RepositoryRoot.Path, "Pulumi.de-prod.yaml"), path);
        FreshFoodz.Testing.ProjectCopy.CopyEnvironments(_dir);
        var before = File.ReadAllBytes(path);
        var e = Assert.Throws<CalibrationException>(() =>
            StackFileEditor.Write(path, "de-prod", [new ScalarEdit("freshfoodz:workload", ["api", "meanServiceTimeSeconds"], "5")]));
        Assert.StartsWith("the measured values would make Pulumi.de-prod.yaml invalid (Pulumi.de-prod.yaml:", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("; the file is unchanged", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.EnumerateFiles(_dir));
    }

    [Fact]
    public void ReplacesOnlyTheScalarsCharacters()
    {
        const string yaml = "# top comment\nconfig:\n  freshfoodz:workload:\n    api: {baselineRequestsPerSecond: 50, other: 1}  # keep\n    workers:\n      x: \"quoted\"\n";
        var edited = StackFileEditor.Apply(yaml, [new ScalarEdit("freshfoodz:workload", ["api", "baselineRequestsPerSecond"], "61.5")]);
        Assert.Equal(yaml.Replace("baselineRequestsPerSecond: 50", "baselineRequestsPerSecond: 61.5", StringComparison.Ordinal), edited);
    }

    [Fact]
    public void AMissingKeyIsNamed()
    {
        var e = Assert.Throws<CalibrationException>(() =>
            StackFileEditor.Apply("config:\n  freshfoodz:workload:\n    api: {}\n", [new ScalarEdit("freshfoodz:workload", ["api", "meanServiceTimeSeconds"], "0.2")]));
        Assert.Contains("freshfoodz:workload.api.meanServiceTimeSeconds", e.Message, StringComparison.Ordinal);
    }

    private static readonly ScalarEdit Curve = new("freshfoodz:dailyLoad", [], "[0.5, 1]");

    /// <summary>A stack without the key gets it as config's last key, at config's indentation; nothing else moves.</summary>
    [Theory]
    [InlineData("config:\n  freshfoodz:season: auto  # keep\n", "config:\n  freshfoodz:season: auto  # keep\n  freshfoodz:dailyLoad: [0.5, 1]\n")]
    [InlineData("config:\n  freshfoodz:season: auto", "config:\n  freshfoodz:season: auto\n  freshfoodz:dailyLoad: [0.5, 1]\n")]
    [InlineData("config:\n    freshfoodz:vmSizes:\n      a: {vCpus: 2}\n      b:\n        - 1\n\n# end\n", "config:\n    freshfoodz:vmSizes:\n      a: {vCpus: 2}\n      b:\n        - 1\n    freshfoodz:dailyLoad: [0.5, 1]\n\n# end\n")]
    [InlineData("config:\n  freshfoodz:x: {a: 1,\n    b: 2}  # two lines\n", "config:\n  freshfoodz:x: {a: 1,\n    b: 2}  # two lines\n  freshfoodz:dailyLoad: [0.5, 1]\n")]
    [InlineData("config:\n  freshfoodz:season: auto\nencryptionsalt: v1:abc\n", "config:\n  freshfoodz:season: auto\n  freshfoodz:dailyLoad: [0.5, 1]\nencryptionsalt: v1:abc\n")]
    public void AnAbsentCurveIsAddedAsConfigsLastKey(string yaml, string expected) =>
        Assert.Equal(expected, StackFileEditor.Apply(yaml, [Curve]));

    /// <summary>A curve already set (the word default, a flow list, a block list) is replaced in place.</summary>
    [Theory]
    [InlineData("config:\n  freshfoodz:dailyLoad: default # was\n  freshfoodz:season: auto\n", "config:\n  freshfoodz:dailyLoad: [0.5, 1] # was\n  freshfoodz:season: auto\n")]
    [InlineData("config:\n  freshfoodz:dailyLoad: [1, 0.2, 0.3]\n  freshfoodz:season: auto\n", "config:\n  freshfoodz:dailyLoad: [0.5, 1]\n  freshfoodz:season: auto\n")]
    [InlineData("config:\n  freshfoodz:dailyLoad:\n    - 1\n    - 0.2\n  freshfoodz:season: auto\n", "config:\n  freshfoodz:dailyLoad:\n    [0.5, 1]\n  freshfoodz:season: auto\n")]
    public void ASetCurveIsReplacedInPlace(string yaml, string expected) =>
        Assert.Equal(expected, StackFileEditor.Apply(yaml, [Curve]));

    [Theory]
    [InlineData(new double[] { 1, 2, 3, 4, 100 }, 0.95, 100)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }, 0.95, 19)]
    public void NearestRankQuantile(double[] sorted, double p, double expected) =>
        // ⌈0.95 × 5⌉ = 5th value; ⌈0.95 × 20⌉ = 19th value.
        Assert.Equal(expected, Baseline.NearestRank(sorted, p));
}
