using System.Globalization;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Components.Cost;

public sealed record AiBudgetArgs
{
    public required TerritoryContext Context { get; init; }
    public required string SubscriptionId { get; init; }
    public required decimal MonthlyAmount { get; init; }
    public required IReadOnlyList<string> ContactEmails { get; init; }

    /// <summary>The first day of the month the budget starts; fixed at creation (see <see cref="AiBudget.StartOf"/>).</summary>
    public required DateOnly StartDate { get; init; }
}

/// <summary>
/// A consumption budget for the Azure-billed part of the AI help features (EUR 600/month DE, CHF 1,000/month CH in the
/// stack files), scoped to the territory's subscription and filtered to resources tagged <c>feature: ai-help</c>;
/// e-mails at 80 % and 100 % of actual spend, and when the forecast passes 100 %. The amount is in the subscription's
/// billing currency (EUR, CHF; rule BudgetInBillingCurrency). Only a production stack plans it (one budget per
/// subscription). The plan itself creates no AI resource: the help module's AI spend is reported by the app
/// (<c>freshfoodz_ai_cost_month_to_date</c>) and alerted by <c>AiBudgetExceeded</c>; this budget sees the Azure AI
/// services, which a subscription policy makes carry the tag (docs/deployment-rules.md, "Cost").
/// </summary>
public static class AiBudget
{
    public const string Type = "freshfoodz:cost:AiBudget";

    /// <summary>The tag the budget counts, and which the subscription's AI services must carry.</summary>
    public const string TagName = "feature";

    public const string TagValue = "ai-help";

    public const string AiServicesTaggedPolicy = "freshfoodz-ai-services-tagged";

    /// <summary>
    /// A budget starts on the first day of a month not before the month it is created in, and its start cannot change
    /// afterwards (azure-native 3.28.0 consumption Budget <c>timePeriod</c>; Azure REST "Budgets - Create Or Update").
    /// So the start is derived from the stack's creation date (<c>freshfoodz:createdOn</c>), which never moves: a later
    /// plan gives the same start.
    /// </summary>
    public static DateOnly StartOf(DateOnly createdOn) => new(createdOn.Year, createdOn.Month, 1);

    public static PlannedResource Add(PlanBuilder plan, string name, AiBudgetArgs args)
    {
        var scope = plan.Component(Type, name);
        var emails = PlanValue.List(args.ContactEmails.Select(e => (PlanValue)e));
        Props Notification(int threshold, string type) => new()
        {
            ["enabled"] = true,
            ["operator"] = "GreaterThanOrEqualTo",
            ["threshold"] = threshold,
            // The typed SDK defaults thresholdType; a dictionary must set it (provider facts).
            ["thresholdType"] = type,
            ["contactEmails"] = emails,
        };
        // The budget counts what carries the tag, so an AI service created in the subscription must carry it: a custom
        // policy denies a Cognitive Services account (Azure OpenAI, AI Services) without it (Azure Policy definition
        // structure: "field" "type" and "tags['name']" conditions, effect deny).
        var definition = scope.Resource("azure-native:authorization:PolicyDefinition", "ai-tag-definition", new Props
        {
            ["policyDefinitionName"] = AiServicesTaggedPolicy,
            ["policyType"] = "Custom",
            ["mode"] = "Indexed",
            ["displayName"] = "FreshFoodz AI services carry feature: ai-help",
            ["description"] = "The AI help budget filters on the tag feature: ai-help; an AI service without it would not be counted.",
            ["policyRule"] = new Props
            {
                ["if"] = new Props
                {
                    ["allOf"] = PlanValue.List(
                        new Props { ["field"] = "type", ["equals"] = "Microsoft.CognitiveServices/accounts" },
                        new Props { ["field"] = $"tags['{TagName}']", ["notEquals"] = TagValue }),
                },
                ["then"] = new Props { ["effect"] = "deny" },
            },
        });
        scope.Resource("azure-native:authorization:PolicyAssignment", "ai-tag-assignment", new Props
        {
            ["scope"] = $"/subscriptions/{args.SubscriptionId}",
            ["policyAssignmentName"] = AiServicesTaggedPolicy,
            ["displayName"] = "FreshFoodz AI services carry feature: ai-help",
            ["policyDefinitionId"] = definition.Id,
            // A dictionary registration must set what the typed SDK defaults (provider facts).
            ["enforcementMode"] = "Default",
            ["nonComplianceMessages"] = PlanValue.List(new Props
            {
                ["message"] = $"Tag AI services {TagName}: {TagValue}, so the AI help budget counts their cost.",
            }),
        });
        return scope.Resource("azure-native:consumption:Budget", "budget", new Props
        {
            ["scope"] = $"/subscriptions/{args.SubscriptionId}",
            ["budgetName"] = $"freshfoodz-ai-help-{args.Context.Names.Stack}",
            ["amount"] = (double)args.MonthlyAmount,
            ["category"] = "Cost",
            ["timeGrain"] = "Monthly",
            ["timePeriod"] = new Props { ["startDate"] = args.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z" },
            ["filter"] = new Props
            {
                ["tags"] = new Props { ["name"] = TagName, ["operator"] = "In", ["values"] = PlanValue.List(TagValue) },
            },
            ["notifications"] = new Props
            {
                ["actual80"] = Notification(80, "Actual"),
                ["actual100"] = Notification(100, "Actual"),
                ["forecast100"] = Notification(100, "Forecasted"),
            },
        });
    }
}
