using System.Collections.Immutable;
using FreshFoodz.Monitoring.Documents;
using FreshFoodz.Monitoring.Rules;

namespace FreshFoodz.Monitoring.Testing;

/// <summary>An input series of a promtool test: selector and values in promtool's expanding notation.</summary>
public sealed record Series(string Selector, string Values);

/// <summary>An alert promtool must see firing: its labels (alertname aside) and annotations.</summary>
public sealed record ExpectedAlert(ImmutableSortedDictionary<string, string> Labels, ImmutableSortedDictionary<string, string> Annotations)
{
    /// <summary>Expects what <paramref name="rule"/> gives when it fires, with the expression's own labels.</summary>
    public static ExpectedAlert Of(AlertingRule rule, ImmutableSortedDictionary<string, string> labels) => new(labels, rule.Annotations);
}

/// <summary>At <paramref name="EvalTime"/>, exactly <paramref name="Expected"/> of the alert are firing (none: silent).</summary>
public sealed record AlertCheck(TimeSpan EvalTime, string AlertName, ImmutableArray<ExpectedAlert> Expected);

/// <summary>At <paramref name="EvalTime"/>, <paramref name="Expr"/> gives exactly these samples (labels in PromQL form).</summary>
public sealed record ExprCheck(TimeSpan EvalTime, string Expr, ImmutableArray<(string Labels, double Value)> Samples);

public sealed record PromtoolTest(string Name, TimeSpan Interval, ImmutableArray<Series> Inputs, ImmutableArray<AlertCheck> Alerts, ImmutableArray<ExprCheck> Exprs)
{
    public MapNode ToNode()
    {
        var node = new MapNode
        {
            ["name"] = Name,
            ["interval"] = PromQl.Duration(Interval),
            ["input_series"] = Node.List(Inputs.Select(s => (Node)new MapNode { ["series"] = s.Selector, ["values"] = s.Values })),
        };
        if (Alerts.Length > 0)
        {
            node["alert_rule_test"] = Node.List(Alerts.Select(a =>
            {
                var check = new MapNode { ["eval_time"] = PromQl.Duration(a.EvalTime), ["alertname"] = a.AlertName };
                if (a.Expected.Length > 0)
                {
                    check["exp_alerts"] = Node.List(a.Expected.Select(e => (Node)new MapNode
                    {
                        ["exp_labels"] = MapNode.From(e.Labels),
                        ["exp_annotations"] = MapNode.From(e.Annotations),
                    }));
                }
                return (Node)check;
            }));
        }
        if (Exprs.Length > 0)
        {
            node["promql_expr_test"] = Node.List(Exprs.Select(e => (Node)new MapNode
            {
                ["expr"] = e.Expr,
                ["eval_time"] = PromQl.Duration(e.EvalTime),
                ["exp_samples"] = Node.List(e.Samples.Select(s => (Node)new MapNode { ["labels"] = s.Labels, ["value"] = s.Value })),
            }));
        }
        return node;
    }
}

/// <summary>A promtool unit-test file: the rule files it loads (relative to it) and its tests.</summary>
public sealed record PromtoolTestFile(string Name, ImmutableArray<string> RuleFiles, TimeSpan EvaluationInterval, ImmutableArray<PromtoolTest> Tests)
{
    public string FileName => $"{Name}.test.yaml";

    public MapNode ToNode() => new()
    {
        ["rule_files"] = Node.List(RuleFiles.Select(f => (Node)f)),
        ["evaluation_interval"] = PromQl.Duration(EvaluationInterval),
        ["tests"] = Node.List(Tests.Select(t => (Node)t.ToNode())),
    };

    /// <summary>Alert names with a firing check, and with a silent one.</summary>
    public IEnumerable<(string Alert, bool Fires)> Checks() =>
        Tests.SelectMany(t => t.Alerts).Select(a => (a.AlertName, a.Expected.Length > 0));
}
