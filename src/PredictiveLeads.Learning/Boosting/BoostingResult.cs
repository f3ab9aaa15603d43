namespace PredictiveLeads.Learning.Boosting;

/// <summary>A trained ensemble with the loss history that chose its size.</summary>
public sealed record BoostingResult(TreeEnsemble Ensemble, IReadOnlyList<double> ValidationLoss, int TreesGrown, bool StoppedEarly);
