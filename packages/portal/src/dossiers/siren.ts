/** Luhn over a string of digits (the rule INSEE uses for SIREN and SIRET). */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** La Poste has one SIREN and more establishments than Luhn keys: its SIRETs use a digit sum multiple of 5. */
export const LA_POSTE_SIREN = "356000000";

export const cleanDigits = (value: string): string => value.replace(/[\s.-]/g, "");

export function isValidSiren(value: string): boolean {
  const digits = cleanDigits(value);
  return /^\d{9}$/.test(digits) && luhnValid(digits);
}

export function isValidSiret(value: string): boolean {
  const digits = cleanDigits(value);
  if (!/^\d{14}$/.test(digits)) return false;
  if (digits.startsWith(LA_POSTE_SIREN) && digits !== `${LA_POSTE_SIREN}00048`) {
    const sum = [...digits].reduce((total, d) => total + Number(d), 0);
    return sum % 5 === 0;
  }
  return luhnValid(digits);
}
