// Progressive enhancement only: every page works without JavaScript.
// Each GOV.UK Frontend component the site uses is imported and started on its own, so the
// bundle holds nothing else; a test checks every component with a script is listed here.
import { Button } from "govuk-frontend/dist/govuk/components/button/button.mjs";
import { Checkboxes } from "govuk-frontend/dist/govuk/components/checkboxes/checkboxes.mjs";
import { ErrorSummary } from "govuk-frontend/dist/govuk/components/error-summary/error-summary.mjs";
import { NotificationBanner } from "govuk-frontend/dist/govuk/components/notification-banner/notification-banner.mjs";
import { PasswordInput } from "govuk-frontend/dist/govuk/components/password-input/password-input.mjs";
import { Radios } from "govuk-frontend/dist/govuk/components/radios/radios.mjs";
import { ServiceNavigation } from "govuk-frontend/dist/govuk/components/service-navigation/service-navigation.mjs";
import { SkipLink } from "govuk-frontend/dist/govuk/components/skip-link/skip-link.mjs";
import { createAll } from "govuk-frontend/dist/govuk/init.mjs";

for (const Component of [
  Button,
  Checkboxes,
  ErrorSummary,
  NotificationBanner,
  PasswordInput,
  Radios,
  ServiceNavigation,
  SkipLink,
]) {
  createAll(Component);
}
