namespace FreshFoodz.Stacks.Settings;

/// <summary>One problem with a stack's settings: where it is, which key, and what is allowed.</summary>
public sealed record SettingsError(string Source, int? Line, string KeyPath, string Message)
{
    /// <summary>One line, however hostile the key or value it names (control characters escaped, length bounded).</summary>
    public override string ToString()
    {
        var key = ValueText.OneLine(KeyPath, 300);
        var message = ValueText.OneLine(Message, 1000);
        return Line is { } line ? $"{Source}:{line}: {key}: {message}" : $"{Source}: {key}: {message}";
    }
}

/// <summary>Settings that failed validation; carries every problem found, not just the first.</summary>
public sealed class StackSettingsException(IReadOnlyList<SettingsError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<SettingsError> Errors { get; } = errors;
}
