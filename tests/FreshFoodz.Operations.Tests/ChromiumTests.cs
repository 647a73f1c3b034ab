using System.Buffers.Binary;
using FreshFoodz.Operations.YearView;

namespace FreshFoodz.Operations.Tests;

/// <summary>The year view opened in headless Chromium (Debian package chromium): it renders, with no errors.</summary>
public class ChromiumTests
{
    /// <summary>The flags this machine needs: no sandbox as root, and no background connections (the network is closed).</summary>
    private static string[] Flags(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
    ];

    [Fact]
    public void YearViewRendersInHeadlessChromium()
    {
        var chromium = Tools.Find("chromium", "chromium");
        var dir = Directory.CreateTempSubdirectory("freshfoodz-report-").FullName;
        try
        {
            var page = Path.Combine(dir, "report.html");
            File.WriteAllText(page, YearViewHtml.Render(YearViewData.Create(TestStacks.Settings("de-prod"), TestStacks.Prices("de-prod"), 2026, TestStacks.Rehearsal)));
            var url = new Uri(page).AbsoluteUri;

            var (exit, dom, err) = Tools.Run(chromium, [.. Flags(Path.Combine(dir, "profile-dom")), "--dump-dom", url], TimeSpan.FromSeconds(120));
            Assert.True(exit == 0, $"chromium --dump-dom exited {exit}:\n{err}");
            // The DOM Chromium built: the three charts with their content, and no page error in the log.
            Assert.Contains("<svg id=\"load-capacity\"", dom, StringComparison.Ordinal);
            Assert.Contains("<svg id=\"monthly-cost\"", dom, StringComparison.Ordinal);
            Assert.Equal(18, CountOf(dom, "class=\"milestone\""));
            Assert.Equal(12, CountOf(dom, "class=\"month-row\""));
            Assert.DoesNotContain("Uncaught", err, StringComparison.Ordinal);
            Assert.DoesNotContain("CONSOLE", err, StringComparison.Ordinal);
            Assert.DoesNotContain("net::ERR_", err, StringComparison.Ordinal);

            var png = Path.Combine(dir, "report.png");
            var shot = Tools.Run(chromium, [.. Flags(Path.Combine(dir, "profile-shot")), $"--screenshot={png}", "--window-size=1400,1800", url], TimeSpan.FromSeconds(120));
            Assert.True(shot.Exit == 0, $"chromium --screenshot exited {shot.Exit}:\n{shot.Err}");
            Assert.DoesNotContain("Uncaught", shot.Err, StringComparison.Ordinal);
            var bytes = File.ReadAllBytes(png);
            // PNG signature, then the IHDR chunk's width and height (big-endian) at offsets 16 and 20.
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            Assert.Equal((1400, 1800), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
            // A blank page compresses to almost nothing; three charts and a table do not.
            Assert.True(bytes.Length > 50_000, $"screenshot is only {bytes.Length} bytes");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
