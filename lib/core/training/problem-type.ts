/**
 * What a model predicts: decides the label types a training metric accepts and the model-quality
 * statistics a drift monitor computes. One enum for both (a leaf module, so that lib/core/drift
 * and lib/core/training can both import it without a cycle).
 */
export enum ProblemType {
  /** Two classes; the label is a boolean or a 0/1 integer, the prediction a score for the positive class (accuracy, AUC). */
  BINARY_CLASSIFICATION = 'binary-classification',
  /** A number (RMSE, MAE). */
  REGRESSION = 'regression',
}
