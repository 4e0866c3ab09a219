/**
 * Vertex AI's prebuilt XGBoost images for a region that may be a Terraform value (a variable):
 * the core table picks the repository of a literal region at synth; for a token the same table
 * becomes a Terraform `lookup` on the region's first word, so that a stack whose region is a
 * `TerraformVariable` still gets the image of its continent at plan time.
 */
import { VERTEX_PREBUILT_REPOSITORIES, VERTEX_XGBOOST_IMAGE_PATHS, vertexXgboostPredictionImageUri, vertexXgboostTrainingImageUri } from '../../core';
import { Fn, Token } from '../cdktf';

/** Which prebuilt image: the training container or the serving (prediction) container. */
export type XgboostImageKind = keyof typeof VERTEX_XGBOOST_IMAGE_PATHS;

/**
 * The prebuilt XGBoost image of `kind` for `region`: the core's URI for a literal region
 * (`undefined` where the table places none), a Terraform expression for a token: the table as a
 * map indexed by the region's first word, so that a region of another continent fails the plan
 * (validate the region variable against the table's continents, `VERTEX_PREBUILT_REPOSITORIES`,
 * for a clearer message).
 */
export function xgboostImageUri(kind: XgboostImageKind, region: string): string | undefined {
  if (!Token.isUnresolved(region)) {
    return kind === 'training' ? vertexXgboostTrainingImageUri(region) : vertexXgboostPredictionImageUri(region);
  }
  const hostByContinent = Object.fromEntries(Object.entries(VERTEX_PREBUILT_REPOSITORIES).flatMap(([host, continents]) => continents.map((c) => [c, host])));
  return `${Fn.lookup(hostByContinent, Fn.element(Fn.split('-', region), 0), '')}/${VERTEX_XGBOOST_IMAGE_PATHS[kind]}`;
}

