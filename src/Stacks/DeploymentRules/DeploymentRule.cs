using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Policies;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.DeploymentRules;

/// <summary>How a finding weighs: a refusal stops the plan (exit 3); a warning is reported and the plan goes on.</summary>
public enum RuleLevel
{
    Warn,
    Refuse,
}

/// <summary>What a check found wrong with one resource's property.</summary>
public sealed record Breach(string Resource, string Property, RuleLevel Level, string Message);

/// <summary>A breach with the rule that found it.</summary>
public sealed record RuleFinding(string Rule, string Resource, string Property, RuleLevel Level, string Message)
{
    public override string ToString() => $"{Resource}: {Rule}: '{Property}' {Message}";
}

/// <summary>What a rule may look at beyond the plans: the stack's settings and the plan date (null: not known).</summary>
public sealed record RuleContext(StackSettings Settings, DateOnly? Date);

/// <summary>
/// One rule of the cloud's lifecycle that schema conformance cannot see: what may be set at creation, which state
/// transitions exist, what must happen in which order. It judges a single plan (what <c>pulumi up</c> creates or
/// keeps), an ordered pair of plans (a season switch, or a stack-file change: what an update does), or both.
/// </summary>
public sealed record DeploymentRule(string Id, string Statement, string Source)
{
    /// <summary>The check on one plan; null if the rule judges only transitions.</summary>
    public Func<StackPlan, RuleContext, IEnumerable<Breach>>? OnPlan { get; init; }

    /// <summary>The check on the update from one plan to the next; null if the rule judges only single plans.</summary>
    public Func<StackPlan, StackPlan, RuleContext, IEnumerable<Breach>>? OnSwitch { get; init; }

    /// <summary>Whether the rule needs the plan date (it is not judged without one).</summary>
    public bool NeedsDate { get; init; }

}

/// <summary>A rule's verdict: its findings, or why it was not judged.</summary>
public sealed record RuleVerdict(DeploymentRule Rule, IReadOnlyList<RuleFinding> Findings, bool Judged)
{
    public string Outcome =>
        !Judged ? "not judged (no plan date)"
        : Findings.Any(f => f.Level == RuleLevel.Refuse) ? "refused"
        : Findings.Count > 0 ? "warning"
        : "kept";
}

/// <summary>Every rule's verdict on a stack's plan and its season switches.</summary>
public sealed record RuleReport(string Stack, Season Season, DateOnly? Date, IReadOnlyList<RuleVerdict> Verdicts)
{
    public IEnumerable<RuleFinding> Findings => Verdicts.SelectMany(v => v.Findings);

    /// <summary>The refusals as policy violations: resource, rule, and the property in the message.</summary>
    public IEnumerable<PolicyViolation> Refusals() =>
        Findings.Where(f => f.Level == RuleLevel.Refuse).Select(f => new PolicyViolation(f.Resource, f.Rule, $"'{f.Property}' {f.Message}"));
}
