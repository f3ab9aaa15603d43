using System.Reflection;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Tests.Storage;

/// <summary>A real store that counts the leads it is asked for the newest scores of, and can say other instances write it too.</summary>
public class StoreCountingReads : StoreProxy
{
    private bool _shared;

    public int LeadsRead { get; private set; }

    public static (IPredictionStore Store, StoreCountingReads Counter) Around(IPredictionStore store, bool shared = false)
    {
        var (proxy, counter) = Wrap<StoreCountingReads>(store);
        counter._shared = shared;
        return (proxy, counter);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (_shared && targetMethod!.Name == $"get_{nameof(IPredictionStore.SharedWithOtherInstances)}")
            return true;
        if (targetMethod!.Name == nameof(IPredictionStore.NewestScoresAsync))
            LeadsRead += ((IReadOnlyList<string>)args![0]!).Count;
        return Forward(targetMethod, args);
    }
}
