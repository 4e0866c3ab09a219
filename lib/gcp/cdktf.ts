/**
 * The one module of the library that imports `cdktf`.
 *
 * HashiCorp deprecated cdktf in December 2025; its community continuation (CDK Terrain, `cdktn`)
 * is not usable here yet. Every other file imports these names from here, so moving to cdktn is
 * a change to this file alone.
 */
export {
  Annotations, App, DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformOutput, TerraformStack, Testing, Token, Tokenization, TerraformResource, TerraformElement,
} from 'cdktf';
export type { ITerraformDependable, TerraformResourceLifecycle } from 'cdktf';
