using System.Reflection;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Pulumi;

namespace FreshFoodz.PulumiProgram.Tests;

/// <summary>One request the program sent to the resource monitor, as the protobuf message's JSON.</summary>
internal sealed record WireRequest(string Method, JsonObject Message);

/// <summary>
/// Records what the program sends to the Pulumi engine, as it goes on the wire. The SDK's public mocks
/// (<c>IMocks</c>) see only a resource's type, name, provider and inputs with secrets unwrapped; the engine also gets
/// the parent, dependencies, protect, retainOnDelete, ignoreChanges, additionalSecretOutputs, the plugin version,
/// which inputs are secret, invokes' providers and versions, and the stack outputs. Every one of those is in the
/// protobuf request the deployment hands its resource monitor (<c>Pulumi.IMonitor</c>, internal to the SDK). So,
/// inside a <c>Deployment.TestAsync</c> run, the recorder replaces the deployment's monitor with a proxy that
/// writes down each request (Google.Protobuf's JSON form) and passes it on to the SDK's own mock monitor.
/// It also records what the program writes to the engine log: the deployment's engine logger hands each message to
/// its engine (public interface <c>Pulumi.Experimental.IEngine</c>), which the recorder wraps.
/// This reaches into four private members of SDK 3.112.1 (DeploymentInstance._deployment, Deployment.Monitor,
/// Deployment._logger and EngineLogger._engine); if a later SDK renames them, <see cref="Install"/> fails loudly
/// instead of recording nothing.
/// </summary>
internal sealed class WireRecorder
{
    private readonly List<WireRequest> _requests = [];
    private readonly List<string> _logs = [];
    private readonly List<string> _errors = [];

    /// <summary>The engine log's Error messages: what a failed run shows its user.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>The engine log's Info messages (what the program says; the SDK logs errors itself), as sent.</summary>
    public IReadOnlyList<string> Logs
    {
        get
        {
            lock (_logs)
            {
                return [.. _logs];
            }
        }
    }

    public IReadOnlyList<WireRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public IEnumerable<JsonObject> Of(string method) => Requests.Where(r => r.Method == method).Select(r => r.Message);

    /// <summary>Call inside the TestAsync callback, before the program registers anything.</summary>
    public void Install()
    {
        const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
        var deployment = typeof(DeploymentInstance).GetField("_deployment", Private)?.GetValue(Deployment.Instance)
            ?? throw new InvalidOperationException("Pulumi SDK changed: DeploymentInstance._deployment not found");
        var monitorField = typeof(Deployment).GetField("<Monitor>k__BackingField", Private)
            ?? throw new InvalidOperationException("Pulumi SDK changed: Deployment.Monitor has no backing field");
        var proxy = DispatchProxy.Create(monitorField.FieldType, typeof(RecordingProxy));
        ((RecordingProxy)proxy).Attach(monitorField.GetValue(deployment)!, this);
        monitorField.SetValue(deployment, proxy);
        var logger = typeof(Deployment).GetField("_logger", Private)?.GetValue(deployment)
            ?? throw new InvalidOperationException("Pulumi SDK changed: Deployment._logger not found");
        var engineField = logger.GetType().GetField("_engine", Private)
            ?? throw new InvalidOperationException("Pulumi SDK changed: the engine logger has no _engine");
        engineField.SetValue(logger, new RecordingEngine((Pulumi.Experimental.IEngine)engineField.GetValue(logger)!, this));
    }

    private void Log(Pulumi.Experimental.LogRequest message)
    {
        var list = message.Severity == Pulumi.Experimental.LogSeverity.Error ? _errors : _logs;
        lock (list)
        {
            list.Add(message.Message);
        }
    }

    /// <summary>The engine as the logger sees it: records each Info and Error message, then passes every message on.</summary>
    private sealed class RecordingEngine(Pulumi.Experimental.IEngine inner, WireRecorder recorder) : Pulumi.Experimental.IEngine
    {
        public Task LogAsync(Pulumi.Experimental.LogRequest message)
        {
            if (message.Severity is Pulumi.Experimental.LogSeverity.Info or Pulumi.Experimental.LogSeverity.Error)
            {
                recorder.Log(message);
            }
            return inner.LogAsync(message);
        }

        public Task RequirePulumiVersionAsync(string pulumiVersionRange) => inner.RequirePulumiVersionAsync(pulumiVersionRange);
    }

    internal void Add(string method, IMessage message)
    {
        var json = JsonNode.Parse(JsonFormatter.Default.Format(message))!.AsObject();
        lock (_requests)
        {
            _requests.Add(new WireRequest(method, json));
        }
    }
}

/// <summary>The monitor proxy: records every protobuf request argument, then calls the SDK's monitor.</summary>
#pragma warning disable CA1852 // DispatchProxy derives from it at run time
internal class RecordingProxy : DispatchProxy
#pragma warning restore CA1852
{
    private object _inner = null!;
    private WireRecorder _recorder = null!;

    internal void Attach(object inner, WireRecorder recorder)
    {
        _inner = inner;
        _recorder = recorder;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        foreach (var message in (args ?? []).OfType<IMessage>())
        {
            _recorder.Add(targetMethod!.Name, message);
        }
        try
        {
            return targetMethod!.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}

/// <summary>
/// Runs a program function the way <c>Deployment.RunAsync(func)</c> (Program.cs) runs it — under the SDK's real
/// root <c>Stack</c>, which registers the returned dictionary as the stack's outputs on the wire — but against the
/// SDK's mock engine and monitor, as <c>Deployment.TestAsync</c> does. The public TestAsync overloads wrap the function
/// in an internal TestStack that never registers outputs with the engine, so stack outputs would go unseen; this calls
/// the SDK's own internal TryTestAsync with the runner call RunAsync makes (SDK 3.112.1, Deployment_Run.cs).
/// </summary>
internal static class ProgramRun
{
    public static async Task RunAsync(Pulumi.Testing.IMocks mocks, Pulumi.Testing.TestOptions options, Func<Task<IDictionary<string, object?>>> program)
    {
        var sdk = typeof(Deployment).Assembly;
        var runnerType = sdk.GetType("Pulumi.IRunner") ?? throw new InvalidOperationException("Pulumi SDK changed: no Pulumi.IRunner");
        var runStack = runnerType.GetMethod("RunAsync", [typeof(Func<Task<IDictionary<string, object?>>>), typeof(StackOptions)])
            ?? throw new InvalidOperationException("Pulumi SDK changed: no IRunner.RunAsync(func, options)");
        var runnerFunc = typeof(Func<,>).MakeGenericType(runnerType, typeof(Task<int>));
        var runner = System.Linq.Expressions.Expression.Parameter(runnerType, "runner");
        var run = System.Linq.Expressions.Expression.Lambda(runnerFunc, System.Linq.Expressions.Expression.Call(runner, runStack,
            System.Linq.Expressions.Expression.Constant(program), System.Linq.Expressions.Expression.Constant(null, typeof(StackOptions))), runner).Compile();
        var tryTest = typeof(Deployment).GetMethod("TryTestAsync", BindingFlags.NonPublic | BindingFlags.Static, [typeof(Pulumi.Testing.IMocks), runnerFunc, typeof(Pulumi.Testing.TestOptions)])
            ?? throw new InvalidOperationException("Pulumi SDK changed: no Deployment.TryTestAsync(mocks, runAsync, options)");
        var task = (Task)tryTest.Invoke(null, [mocks, run, options])!;
        await task;
        var error = (Exception?)task.GetType().GetProperty("Result")!.GetValue(task)!.GetType().GetField("Item2")!.GetValue(task.GetType().GetProperty("Result")!.GetValue(task));
        if (error is not null)
        {
            throw error;
        }
    }
}
