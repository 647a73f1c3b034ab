using System.Reflection;
using System.Text.RegularExpressions;

namespace FreshFoodz.Monitoring.Tests;

/// <summary>docs/metrics-contract.md and <see cref="MetricsContract"/> name the same things, and the alert table agrees.</summary>
public partial class ContractDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "metrics-contract.md"));

    private static IEnumerable<string> Names(Type type) =>
        type.GetNestedTypes().SelectMany(Names).Concat(
            type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!));

    [Fact]
    public void EveryNameOfTheContractIsDocumented()
    {
        var missing = Names(typeof(MetricsContract)).Distinct().Where(n => !Doc.Contains($"`{n}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "not in docs/metrics-contract.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void TheAlertTableStatesTheDocumentedOwnersAndWindows()
    {
        foreach (var (alert, owner) in Documented.Alerts)
        {
            var row = Doc.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{alert}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"no row for {alert}");
            var cells = row.Split('|').Select(c => c.Trim()).ToList();
            Assert.Contains(owner.Severity, cells);
            Assert.Contains(owner.Team, cells);
            Assert.Contains(owner.For == TimeSpan.Zero ? "none" : Rules.PromQl.Duration(owner.For), cells);
        }
        Assert.Equal(MetricsContract.Alerts.All.Order(StringComparer.Ordinal), AlertRows().Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> AlertRows() =>
        Doc.Split('\n').Select(l => AlertRow().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct();

    [GeneratedRegex(@"^\| `([A-Z][A-Za-z]+)` \| [^|]+ \| (sev[1-4])")]
    private static partial Regex AlertRow();
}
