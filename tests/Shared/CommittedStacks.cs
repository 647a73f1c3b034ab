using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Testing;

/// <summary>The committed stack files' settings, and variations of them with some text replaced. Linked into the
/// test projects that reference FreshFoodz.Stacks (their csproj), so one copy serves them all.</summary>
internal static class CommittedStacks
{
    public static StackSettings Settings(string stack) => StackSettingsReader.Read(StackFileLoader.Load(RepositoryRoot.Path, stack));

    /// <summary>Settings from the committed stack file with some text replaced; each replaced text must be there.</summary>
    public static StackSettings SettingsWith(string stack, params (string From, string To)[] edits)
    {
        var yaml = File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, $"Pulumi.{stack}.yaml"));
        foreach (var (from, to) in edits)
        {
            Assert.Contains(from, yaml, StringComparison.Ordinal);
            yaml = yaml.Replace(from, to, StringComparison.Ordinal);
        }
        return StackSettingsReader.Read(StackFileLoader.Parse(stack, "test.yaml", yaml, RepositoryRoot.Path));
    }
}
