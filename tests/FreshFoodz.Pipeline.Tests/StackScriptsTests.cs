using System.Text.Json;

namespace FreshFoodz.Pipeline.Tests;

/// <summary>stacks.sh (the matrix) and lib.sh (org-qualified stack names from PULUMI_ORG).</summary>
public class StackScriptsTests
{
    [Fact]
    public void TheMatrixIsEveryCommittedStackTheRehearsalFirst()
    {
        using var p = new Pipeline();
        var run = p.Run("stacks.sh").Succeeded();
        var rows = JsonDocument.Parse(run.Out).RootElement.EnumerateArray()
            .Select(r => $"{r.GetProperty("stack").GetString()}/{r.GetProperty("territory").GetString()}/{r.GetProperty("kind").GetString()}")
            .ToList();
        Assert.Equal(["peak-weihnachten/de/rehearsal", "ch-prod/ch/production", "de-prod/de/production"], rows);
        Assert.Empty(run.Calls);
    }

    [Fact]
    public void EveryPulumiCallNamesTheStackOrgQualifiedFromTheOneSetting()
    {
        using var p = new Pipeline().With(tags: """{"freshfoodz:approvedCommit": "0123456789abcdef0123456789abcdef01234567"}""");
        p.Env["PULUMI_ORG"] = "freshfoodz-gmbh";
        var run = p.Run("approved-commit.sh", "get", "ch-prod").Succeeded();
        var call = Assert.Single(run.Of("pulumi"));
        Assert.Equal("freshfoodz-gmbh/freshfoodz-infra/ch-prod", call.Args[call.Args.ToList().IndexOf("--stack") + 1]);
    }

    [Fact]
    public void WithoutPulumiOrgNothingRunsAndTheSettingIsNamed()
    {
        using var p = new Pipeline().With();
        p.Env.Remove("PULUMI_ORG");
        var run = p.Run("up.sh", "de-prod", "m").Failed("PULUMI_ORG is not set");
        Assert.Empty(run.Calls);
    }

    [Fact]
    public void AStackWithoutAFileIsRefusedBeforeAnyCall()
    {
        using var p = new Pipeline().With();
        var run = p.Run("up.sh", "fr-prod", "m").Failed("no stack file Pulumi.fr-prod.yaml");
        Assert.Empty(run.Calls);
    }
}
