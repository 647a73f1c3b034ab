using Spectre.Console;

namespace FreshFoodz.Cli;

internal static class Consoles
{
    /// <summary>A Spectre console on a plain writer: no colours or cursor codes, fixed width, so output is
    /// the same in a terminal, a CI log and a test.</summary>
    public static IAnsiConsole Plain(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        return console;
    }
}
