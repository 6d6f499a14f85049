/**
 * Input that no agreement coefficient can be computed from: ragged or mismatched arrays, a value of
 * the wrong kind, a negative count, a unit outside the continuum. The message says what is wrong and
 * where, in words a researcher can act on.
 *
 * Data that are well formed but leave a coefficient undefined (nothing pairable, only one value ever
 * used) are not errors: the coefficient is `null`.
 */
export class AgreementInputError extends Error {
  override readonly name = "AgreementInputError";
}
