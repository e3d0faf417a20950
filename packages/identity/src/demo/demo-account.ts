/** A demo account as `npm start` prints it: `label: address / password`. */
export interface DemoAccount {
  readonly label: string;
  readonly email: string;
  readonly password: string;
}
