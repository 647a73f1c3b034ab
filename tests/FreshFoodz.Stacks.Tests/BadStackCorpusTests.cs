using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Tests;

/// <summary>
/// Every file in BadStacks/ is a stack file with one kind of mistake; its <c># expect:</c> lines are the exact
/// errors validation must report, in order, before anything is sized.
/// </summary>
public class BadStackCorpusTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "BadStacks");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Fact]
    public void CorpusHasAtLeastTwentyCases() => Assert.True(Cases().Count >= 20, $"only {Cases().Count} bad stack files");

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadStackIsRejectedWithItsExactMessages(string file)
    {
        var text = File.ReadAllText(Path.Combine(Folder, file));
        var expected = text.Split('\n').Where(l => l.StartsWith("# expect: ", StringComparison.Ordinal)).Select(l => l["# expect: ".Length..]).ToList();
        Assert.NotEmpty(expected);

        var e = Assert.Throws<StackSettingsException>(() => StackSettingsReader.Read(StackFileLoader.Parse("bad", file, text, ProjectFiles.Root)));

        var actual = e.Errors.Select(x => $"{(x.Line is { } l ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}: {x.KeyPath}: {x.Message}").ToList();
        // One message at a time, so a failure shows the whole differing line.
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
        Assert.Equal(expected.Count, actual.Count);
        Assert.All(e.Errors, x => Assert.Equal(file, x.Source));
    }
}
