using System.Collections.Immutable;
using FreshFoodz.Monitoring.Documents;

namespace FreshFoodz.Monitoring.Rules;

/// <summary>A Prometheus rule: recording or alerting. Labels are kept sorted so files are stable.</summary>
public abstract record Rule(string Expr, ImmutableSortedDictionary<string, string> Labels)
{
    public abstract MapNode ToNode();

    protected static MapNode Map(IEnumerable<KeyValuePair<string, string>> entries) => MapNode.From(entries);
}

public sealed record RecordingRule(string Record, string Expr, ImmutableSortedDictionary<string, string> Labels) : Rule(Expr, Labels)
{
    public override MapNode ToNode()
    {
        var node = new MapNode { ["record"] = Record, ["expr"] = new TextNode(Expr, block: true) };
        if (Labels.Count > 0)
        {
            node["labels"] = Map(Labels);
        }
        return node;
    }
}

public sealed record AlertingRule(
    string Alert,
    string Expr,
    TimeSpan For,
    ImmutableSortedDictionary<string, string> Labels,
    ImmutableSortedDictionary<string, string> Annotations) : Rule(Expr, Labels)
{
    public string Severity => Labels[MetricsContract.Labels.Severity];

    public string Team => Labels[MetricsContract.Labels.Team];

    public override MapNode ToNode()
    {
        var node = new MapNode { ["alert"] = Alert, ["expr"] = new TextNode(Expr, block: true) };
        if (For > TimeSpan.Zero)
        {
            node["for"] = PromQl.Duration(For);
        }
        node["labels"] = Map(Labels);
        node["annotations"] = Map(Annotations);
        return node;
    }
}

public sealed record RuleGroup(string Name, ImmutableArray<Rule> Rules)
{
    public MapNode ToNode() => new() { ["name"] = Name, ["rules"] = Node.List(Rules.Select(r => (Node)r.ToNode())) };

    public IEnumerable<AlertingRule> Alerts => Rules.OfType<AlertingRule>();
}

/// <summary>One rule file (and one PrometheusRule resource): its name without extension, and its groups.</summary>
public sealed record RuleFile(string Name, ImmutableArray<RuleGroup> Groups)
{
    public string FileName => $"{Name}.rules.yaml";

    public MapNode ToNode() => new() { ["groups"] = Node.List(Groups.Select(g => (Node)g.ToNode())) };

    public IEnumerable<AlertingRule> Alerts => Groups.SelectMany(g => g.Alerts);
}

/// <summary>Shorthands for building sorted label sets.</summary>
public static class LabelSet
{
    public static ImmutableSortedDictionary<string, string> Of(params (string Name, string Value)[] labels) =>
        labels.ToImmutableSortedDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal);

    public static ImmutableSortedDictionary<string, string> Empty { get; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
}
