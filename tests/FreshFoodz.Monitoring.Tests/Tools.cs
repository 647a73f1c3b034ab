using System.Diagnostics;

namespace FreshFoodz.Monitoring.Tests;

/// <summary>
/// Runs Prometheus' own tools. A missing tool fails the test with the Debian package to install: these checks are
/// the proof, so they are never skipped (.ci/run installs both packages).
/// </summary>
internal static class Tools
{
    public static string Promtool => Require("promtool", "prometheus");

    public static string Amtool => Require("amtool", "prometheus-alertmanager");

    public static string Require(string tool, string debianPackage)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
        if (found is null)
        {
            Assert.Fail($"{tool} not found: install the Debian package {debianPackage}");
        }
        return found;
    }

    public static (int Exit, string Output) Run(string tool, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(tool)} {string.Join(' ', args)} did not finish in 2 minutes");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Runs the tool and fails with its output unless it exits 0.</summary>
    public static string Succeed(string tool, string workingDirectory, params string[] args)
    {
        var (exit, output) = Run(tool, workingDirectory, args);
        Assert.True(exit == 0, $"{Path.GetFileName(tool)} {string.Join(' ', args)} exited {exit}:\n{output}");
        return output;
    }
}

public class ToolsTests
{
    [Fact]
    public void AMissingToolFailsWithTheDebianPackageToInstall()
    {
        var e = Assert.ThrowsAny<Exception>(() => Tools.Require("freshfoodz-no-such-tool", "some-package"));
        Assert.Equal("freshfoodz-no-such-tool not found: install the Debian package some-package", e.Message);
    }
}
