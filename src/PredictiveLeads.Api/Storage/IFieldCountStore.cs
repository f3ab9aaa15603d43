namespace PredictiveLeads.Api.Storage;

/// <summary>One field's live count in one training bin, for one served version.</summary>
public readonly record struct FieldCount(string Field, int Bin, long Leads);

/// <summary>
/// How many scored leads fell in each training bin of each field, per served version, added up over every instance:
/// the running aggregates that drift per field is read from. No value is stored, only bin counts.
/// </summary>
public interface IFieldCountStore
{
    Task AddFieldCountsAsync(string modelVersion, IReadOnlyList<FieldCount> counts, CancellationToken cancellation);

    Task<IReadOnlyList<FieldCount>> FieldCountsAsync(string modelVersion, CancellationToken cancellation);
}
