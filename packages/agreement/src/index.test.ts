import { describe, expect, it } from "vitest";
import {
  AgreementInputError,
  bennettS,
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  scottPi,
  unitizedAlpha,
  unitizedAlpha1995,
} from "./index";

describe("the agreement package", () => {
  it("offers every coefficient and its one error type through its index", () => {
    for (const coefficient of [
      krippendorffAlpha,
      cohenKappa,
      scottPi,
      bennettS,
      fleissKappa,
      percentAgreement,
      unitizedAlpha,
      unitizedAlpha1995,
    ]) {
      expect(coefficient).toBeTypeOf("function");
    }
    expect(new AgreementInputError("bad")).toBeInstanceOf(Error);
    expect(new AgreementInputError("bad").name).toBe("AgreementInputError");
  });
});
