using System.Globalization;

namespace FreshFoodz.Stacks.DeploymentRules;

/// <summary>A consumption budget's start: the first of a month, not before its creation month, never moved.</summary>
internal static class BudgetRules
{
    private const string StartDate = "timePeriod.startDate";

    private const string Source =
        "azure-native 3.28.0 schema, azure-native:consumption:Budget timePeriod (Azure REST \"Budgets - Create Or Update\", BudgetTimePeriod: "
        + "\"The start date must be first of the month ... Past start date should be selected within the timegrain period\")";

    public static readonly DeploymentRule StartsOnFirstOfMonth = new(
        "BudgetStartsOnFirstOfMonth",
        "A monthly budget starts on the first day of a month, not before the month the stack is created in (freshfoodz:createdOn).",
        Source)
    {
        OnPlan = (plan, context) => plan.OfType(PlanFacts.Budget).SelectMany(b =>
        {
            var created = context.Settings.Plan.Deployment.CreatedOn;
            var text = b.Text(StartDate);
            if (Parse(text) is not { } start)
            {
                return [new Breach(b.Name, StartDate, RuleLevel.Refuse, $"is '{text}', not a date yyyy-MM-ddT00:00:00Z")];
            }
            if (start.Day != 1)
            {
                return [new Breach(b.Name, StartDate, RuleLevel.Refuse, $"is {Format(start)}, not the first day of a month")];
            }
            return start < new DateOnly(created.Year, created.Month, 1)
                ? [new Breach(b.Name, StartDate, RuleLevel.Refuse,
                    $"is {Format(start)}, before the month the stack is created in ({Format(created)}): Azure rejects a new budget starting in a past month")]
                : Array.Empty<Breach>();
        }),
    };

    public static readonly DeploymentRule StartNeverChanges = new(
        "BudgetStartNeverChanges",
        "A budget's start date cannot change after creation: no update moves it.",
        Source)
    {
        OnSwitch = (from, to, context) => from.OfType(PlanFacts.Budget)
            .Select(b => (Budget: b, Before: b.Text(StartDate), After: to.Twin(b)?.Text(StartDate)))
            .Where(x => x.After is not null && x.After != x.Before)
            .Select(x => new Breach(x.Budget.Name, StartDate, RuleLevel.Refuse,
                $"moves from {x.Before} to {x.After}: a budget's start is fixed at creation (keep freshfoodz:createdOn as it was)")),
    };

    public static readonly DeploymentRule InBillingCurrency = new(
        "BudgetInBillingCurrency",
        "A budget's amount is stated in the billing currency of the territory's subscription (EUR in de, CHF in ch): freshfoodz:aiBudget.currency names it and must match.",
        "azure-native 3.28.0 schema, azure-native:consumption:Budget (amount has no currency input; Azure compares it with the scope's cost, "
        + "in the billing currency); Microsoft docs \"Tutorial: Create and manage Azure budgets\" (cost-management-billing/costs/tutorial-acm-create-budgets.md): "
        + "budgets are evaluated against actual cost; the territories' billing accounts bill in EUR and CHF (price sheets, prices/<stack>.prices.yaml)")
    {
        OnPlan = (plan, context) => plan.OfType(PlanFacts.Budget)
            .Where(_ => context.Settings.Plan.AiBudget.Currency != context.Settings.Territory.Currency)
            .Select(b => new Breach(b.Name, "amount", RuleLevel.Refuse,
                $"is {context.Settings.Plan.AiBudget.MonthlyAmount.ToString(CultureInfo.InvariantCulture)} {context.Settings.Plan.AiBudget.Currency} (freshfoodz:aiBudget.currency), "
                + $"but territory {context.Settings.Territory.Code}'s subscription is billed in {context.Settings.Territory.Currency}: Azure would read the amount as {context.Settings.Territory.Currency}")),
    };

    private static DateOnly? Parse(string? text) =>
        text is not null && DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) && t.TimeOfDay == TimeSpan.Zero
            ? DateOnly.FromDateTime(t)
            : null;

    private static string Format(DateOnly date) => AksVersionCalendar.Format(date);
}
