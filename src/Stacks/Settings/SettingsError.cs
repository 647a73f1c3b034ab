namespace FreshFoodz.Stacks.Settings;

/// <summary>One problem with a stack's settings: where it is, which key, and what is allowed.</summary>
public sealed record SettingsError(string Source, int? Line, string KeyPath, string Message)
{
    public override string ToString() =>
        Line is { } line ? $"{Source}:{line}: {KeyPath}: {Message}" : $"{Source}: {KeyPath}: {Message}";
}

/// <summary>Settings that failed validation; carries every problem found, not just the first.</summary>
public sealed class StackSettingsException(IReadOnlyList<SettingsError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<SettingsError> Errors { get; } = errors;
}
