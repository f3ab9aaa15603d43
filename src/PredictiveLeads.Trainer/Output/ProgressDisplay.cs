using Spectre.Console;

namespace PredictiveLeads.Trainer.Output;

/// <summary>
/// Shows progress of long steps on stderr: live bars on a terminal, one line per finished step otherwise,
/// nothing with --quiet. Stdout stays free for results (and --json).
/// </summary>
internal sealed class ProgressDisplay(TextWriter error, bool quiet)
{
    /// <summary>Runs <paramref name="work"/>, giving it a callback that reports (step, fraction done).</summary>
    public T Run<T>(Func<Action<string, double>, T> work)
    {
        if (quiet)
            return work((_, _) => { });
        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
            return RunLive(work);
        return RunPlain(work);
    }

    private static T RunLive<T>(Func<Action<string, double>, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var gate = new Lock();
                return work((step, fraction) =>
                {
                    lock (gate)
                    {
                        foreach (var (name, other) in tasks)
                        {
                            if (name != step && !other.IsFinished)
                                other.Value = other.MaxValue;
                        }
                        if (!tasks.TryGetValue(step, out var task))
                            tasks[step] = task = context.AddTask(step, maxValue: 1.0);
                        task.Value = Math.Clamp(fraction, 0, 1);
                    }
                });
            });
    }

    private T RunPlain<T>(Func<Action<string, double>, T> work)
    {
        var current = "";
        var started = DateTime.UtcNow;
        var result = work((step, _) =>
        {
            if (step == current)
                return;
            if (current.Length > 0)
                error.WriteLine($"{current}: done in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
            current = step;
            started = DateTime.UtcNow;
        });
        if (current.Length > 0)
            error.WriteLine($"{current}: done in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        return result;
    }
}
