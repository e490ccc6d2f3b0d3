/**
 * Seam to the numbers context: whether `phoneNumber` is a number `userId` may send from right
 * now (an SMS conversation needs one, else 403 `number_not_owned`). The numbers context owns
 * the rule (active, or cancelled but still inside the paid period).
 */
export { isActiveOwnedNumber } from '../numbers/ownership';
