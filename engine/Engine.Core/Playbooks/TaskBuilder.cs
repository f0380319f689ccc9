using Converge.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>Collects task keywords while the loader walks a task mapping in any key order.</summary>
internal sealed class TaskBuilder
{
    public string? Name { get; set; }

    public string? When { get; set; }

    public YamlNode? Loop { get; set; }

    public string? LoopWith { get; set; }

    public LoopControl LoopControl { get; set; } = LoopControl.Default;

    public string? Register { get; set; }

    public IReadOnlyList<NamedReference> Notify { get; set; } = [];

    public IReadOnlyList<NamedReference> Requires { get; set; } = [];

    public IReadOnlyList<string> Listen { get; set; } = [];

    public IReadOnlyList<string> Tags { get; set; } = [];

    public bool? IgnoreErrors { get; set; }

    public bool NoLog { get; set; }

    public bool? CheckMode { get; set; }

    public bool RunOnce { get; set; }

    public string? DelegateTo { get; set; }

    public string? Connection { get; set; }

    public bool AnyErrorsFatal { get; set; }

    public string? ChangedWhen { get; set; }

    public string? FailedWhen { get; set; }

    public string? Until { get; set; }

    public int Retries { get; set; }

    public int Delay { get; set; }

    public IReadOnlyDictionary<string, object?> Vars { get; set; } = new Dictionary<string, object?>();

    public bool? Become { get; set; }

    public string? BecomeUser { get; set; }

    public int? Throttle { get; set; }

    public YamlMappingNode? Args { get; set; }

    public List<NamedReference> Unenforced { get; } = [];

    public List<KeywordTemplate> KeywordTemplates { get; } = [];

    public Dictionary<string, SourceSpan> ConditionSpans { get; } = new(StringComparer.Ordinal);

    public List<Diagnostic> Problems { get; } = [];

    public int? Async { get; set; }

    public TaskDefinition Build(string id, string name, string module, YamlNode? parameters, string file, SourceSpan span, SourceSpan moduleSpan, int playIndex, bool isHandler) => new()
    {
        Id = id,
        Name = name,
        Module = module,
        Params = parameters,
        File = file,
        Span = span,
        ModuleSpan = moduleSpan,
        PlayIndex = playIndex,
        IsHandler = isHandler,
        When = When,
        Loop = Loop,
        LoopWith = LoopWith,
        LoopControl = LoopControl,
        Register = Register,
        Notify = Notify,
        Requires = Requires,
        Listen = Listen,
        Tags = Tags,
        IgnoreErrors = IgnoreErrors,
        NoLog = NoLog,
        CheckMode = CheckMode,
        RunOnce = RunOnce,
        DelegateTo = DelegateTo,
        Connection = Connection,
        AnyErrorsFatal = AnyErrorsFatal,
        ChangedWhen = ChangedWhen,
        FailedWhen = FailedWhen,
        Until = Until,
        Retries = Retries,
        Delay = Delay,
        Vars = Vars,
        Become = Become,
        BecomeUser = BecomeUser,
        Throttle = Throttle,
        Unenforced = Unenforced,
        KeywordTemplates = KeywordTemplates,
        ConditionSpans = ConditionSpans,
        Problems = Problems,
        Async = Async,
    };
}
