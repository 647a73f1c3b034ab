namespace FreshFoodz.Cli.Tests.Hostile;

/// <summary>
/// One hostile but honest input and what the tool must do with it.
/// </summary>
/// <param name="Name">Unique; the test's display name.</param>
/// <param name="Args">The command line; <c>{out}</c> is the sandbox's out/ folder, <c>{root}</c> the sandbox,
/// <c>{prometheus}</c> the fake server. <c>--project-dir</c> is added unless the case gives it.</param>
/// <param name="Exit">The expected exit code (never 70: no case may reach the unexpected-exception handler).</param>
/// <param name="Says">Texts stderr must contain (for exit 0, stdout): the key, the file or the option named.</param>
internal sealed record HostileCase(string Name, string[] Args, int Exit, params string[] Says)
{
    /// <summary>Prepares the sandbox (writes the hostile stack file, a pipe, a link…).</summary>
    public Action<Sandbox> Arrange { get; init; } = _ => { };

    /// <summary>Runs the built binary as a child process under a memory limit, not in-process.</summary>
    public bool Child { get; init; }

    /// <summary>Texts that must appear nowhere in the output (a password from the command line or a file).</summary>
    public string[] Never { get; init; } = [];

    /// <summary>Whether the command may write under out/ (only cases that succeed).</summary>
    public bool Writes => Exit == 0;

    public override string ToString() => Name;
}
