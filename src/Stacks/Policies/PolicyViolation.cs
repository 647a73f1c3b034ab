namespace FreshFoodz.Stacks.Policies;

/// <summary>A plan element that breaks a stack policy: which, which rule, and what is wrong.</summary>
public sealed record PolicyViolation(string Resource, string Rule, string Message)
{
    public override string ToString() => $"{Resource}: {Rule}: {Message}";
}

/// <summary>A plan refused by policy, before anything is registered.</summary>
public sealed class PlanPolicyException(string stack, IReadOnlyList<PolicyViolation> violations)
    : Exception($"the plan of {stack} breaks {violations.Count} polic{(violations.Count == 1 ? "y" : "ies")}:{Environment.NewLine}"
        + string.Join(Environment.NewLine, violations.Select(v => $"  {v}")))
{
    public IReadOnlyList<PolicyViolation> Violations { get; } = violations;
}
