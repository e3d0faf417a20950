import { pageSender } from "@sesame/kit/ui/send-page";
import type { FastifyRequest } from "fastify";
import { type T, translate } from "../i18n/messages";

export const BRAND = "Sésame";

export const sendPage = pageSender(BRAND);

/** The translator of this request's language. */
export const tr = (request: FastifyRequest): T => translate(request.locale);
