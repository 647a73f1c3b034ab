using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Switching.Tests;

/// <summary>The committed stacks, their settings and switch contexts (built once per test run).</summary>
internal static class Stacks
{
    public static string Root { get; } = FreshFoodz.Testing.RepositoryRoot.Path;

    public static string[] All { get; } = ["de-prod", "ch-prod", "peak-weihnachten"];

    /// <summary>The minute of the hour the seasons workflow runs at (its cron "M * * * *").</summary>
    public static int ScheduleMinute { get; } = int.Parse(
        System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(Root, ".github", "workflows", "seasons.yml")),
            @"cron: ""(\d+) \* \* \* \*""").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, SwitchContext> Contexts = [];

    public static StackSettings Settings(string stack) => FreshFoodz.Testing.CommittedStacks.Settings(stack);

    /// <summary>Settings from the committed stack file with some text replaced.</summary>
    public static StackSettings SettingsWith(string stack, params (string From, string To)[] edits) => FreshFoodz.Testing.CommittedStacks.SettingsWith(stack, edits);

    public static SwitchContext Context(string stack)
    {
        lock (Contexts)
        {
            if (!Contexts.TryGetValue(stack, out var context))
            {
                Contexts[stack] = context = SwitchContext.For(Settings(stack));
            }
            return context;
        }
    }
}
