using System.Collections.Immutable;
using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Stacks.Tests.Plans;

/// <summary>The Pulumi program registers a plan mechanically; a plan it could not register is refused when built or read.</summary>
public class PlanIntegrityTests
{
    private static readonly StackPlan Plan = Plans.Of("de-prod", Season.Weihnachten);

    [Fact]
    public void EveryCommittedPlanCanBeRegistered()
    {
        foreach (var stack in ProjectFiles.Stacks)
        {
            foreach (var season in SeasonNames.All)
            {
                Assert.Empty(PlanIntegrity.Problems(Plans.Of(stack, season)));
            }
        }
    }

    [Fact]
    public void AliasesAndRetirementsNameUrnsOfTheStackThatAreGone()
    {
        var server = Urns.Of(Plan)["data-critical-server"];
        PlanOptions With(string alias) => Plan.Resource("data-critical-database").Options with { Aliases = [alias] };
        StackPlan Aliased(string alias) => Plan with
        {
            Resources = [.. Plan.Resources.Select(r => r.Name == "data-critical-database" ? r with { Options = With(alias) } : r)],
        };
        Assert.Empty(PlanIntegrity.Problems(Aliased(server.Replace("::data-critical-server", "::data-critical-old-db", StringComparison.Ordinal))));
        Assert.Contains(PlanIntegrity.Problems(Aliased("urn:pulumi:ch-prod::freshfoodz-infra::x::y")), p => p.Contains("which is not a URN of stack de-prod", StringComparison.Ordinal));
        Assert.Contains(PlanIntegrity.Problems(Aliased(server)), p => p.Contains("which another element of the plan still has", StringComparison.Ordinal));
        var retired = Plan with { Retired = [new RetiredResource(server, "gone")] };
        Assert.Contains(PlanIntegrity.Problems(retired), p => p == $"retired '{server}' is still an element of the plan");
        // The options and retirements travel through plan JSON.
        var round = PlanJson.Deserialize(PlanJson.Serialize(Aliased(server + "-old") with { Retired = [new RetiredResource(server + "-gone", "why")] }));
        Assert.Equal(server + "-old", Assert.Single(round.Resource("data-critical-database").Options.Aliases));
        Assert.Equal("why", Assert.Single(round.Retired).Reason);
    }

    [Fact]
    public void AProviderAndAResourceWithOneNameAreRefused()
    {
        var provider = Plan.Providers.Single(p => p.Package == "random");
        var clash = Plan with { Resources = [.. Plan.Resources.Select(r => r.Name == "data-critical-admin-password" ? r with { Name = provider.Name } : r)] };
        var e = Assert.Throws<InvalidOperationException>(() => PlanIntegrity.Check(clash));
        Assert.Contains($"a provider and a resource are both named '{provider.Name}'", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => PlanJson.Deserialize(PlanJson.Serialize(clash)));
    }

    [Fact]
    public void AnInvokeMustNameAProviderOfItsPackage()
    {
        var kubernetes = Plan.Providers.Single(p => p.Package == "kubernetes");
        var invoke = (PlanInvoke)((PlanSecret)kubernetes.Inputs["kubeconfig"]!).Value;
        Assert.Equal(Plan.Providers.Single(p => p.Package == "azure-native").Name, invoke.Provider);

        foreach (var (provider, expected) in new[] { ("azure-native-ch", "which is not a provider of the plan"), ("random", "on provider 'random' of package random") })
        {
            var changed = kubernetes with { Inputs = kubernetes.Inputs.With("kubeconfig", new PlanSecret(invoke with { Provider = provider })) };
            var plan = Plan with { Providers = [.. Plan.Providers.Select(p => p.Name == kubernetes.Name ? changed : p)] };
            Assert.Contains(PlanIntegrity.Problems(plan), p => p.Contains(expected, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ReferencesParentsProvidersAndDependenciesMustResolve()
    {
        var server = Plan.Resource("data-critical-server");
        var broken = Plan with
        {
            Resources = [.. Plan.Resources.Select(r => r.Name != server.Name ? r : r with
            {
                Inputs = r.Inputs.With("resourceGroupName", new PlanRef("foundation-rg-missing", "name")).With("x", new PlanRef("foundation-rg-primary", "secretOutput")),
                Options = r.Options with { Parent = "nowhere", Provider = "kubernetes-de", DependsOn = ImmutableArray.Create("ghost") },
            })],
        };
        var problems = PlanIntegrity.Problems(broken).ToList();
        Assert.Contains("resource 'data-critical-server' refers to 'foundation-rg-missing', which is not a resource of the plan", problems);
        Assert.Contains("resource 'data-critical-server' refers to output 'secretOutput' of 'foundation-rg-primary', which the program does not declare", problems);
        Assert.Contains("resource 'data-critical-server' has parent 'nowhere', which is not a component", problems);
        Assert.Contains("resource 'data-critical-server' (azure-native) names provider 'kubernetes-de' of package kubernetes", problems);
        Assert.Contains("resource 'data-critical-server' depends on 'ghost', which is not in the plan", problems);
    }
}
