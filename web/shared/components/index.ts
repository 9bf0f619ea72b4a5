export { Alert, type AlertProps, type AlertTone } from './Alert';
export { AppShell, type AppShellProps } from './AppShell';
export {
  Button,
  ButtonLink,
  type ButtonProps,
  type ButtonSize,
  type ButtonVariant,
  buttonClassName,
} from './Button';
export { CheckboxGroup, type CheckboxGroupProps, type CheckboxOption } from './CheckboxGroup';
export { Dialog, type DialogProps } from './Dialog';
export { ErrorAlert, errorMessage } from './ErrorAlert';
export * from './icons';
export { LanguageSwitcher, LanguageTiles } from './LanguageSwitcher';
export { QrCode, type QrCodeProps, qrPath } from './QrCode';
export { RadioGroup, type RadioGroupProps, type RadioOption } from './RadioGroup';
export { Select, type SelectOption, type SelectProps } from './Select';
export { SkipLink } from './SkipLink';
export { type Step, Stepper, type StepperProps } from './Stepper';
export { TextField, type TextFieldProps } from './TextField';
