namespace PredictiveLeads.Learning.Boosting;

/// <summary>A trained ensemble with the loss history that chose its size.</summary>
/// <param name="Ensemble">The kept trees.</param>
/// <param name="ValidationLoss">Validation log loss after each tree grown (empty without validation rows).</param>
/// <param name="ValidationMargins">The kept ensemble's margins on the validation rows (empty without them).</param>
/// <param name="TreesGrown">Trees grown before stopping, kept or not.</param>
/// <param name="StoppedEarly">Whether early stopping ended training.</param>
public sealed record BoostingResult(TreeEnsemble Ensemble, IReadOnlyList<double> ValidationLoss, double[] ValidationMargins, int TreesGrown, bool StoppedEarly);
