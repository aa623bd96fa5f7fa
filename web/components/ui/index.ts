/** The shared UI kit of the web: page frame, form fields, notices, lists. Its styles are in `ui.module.css`. */
export { CardPage, Page } from './Page';
export { Field, type ControlProps, type FieldProps } from './Field';
export { SubmitButton } from './SubmitButton';
export { Notice } from './Notice';
export { Pager } from './Pager';
export { DataTable, type Column } from './DataTable';
export { FilterBar, FilterSelect } from './FilterBar';
export { default as ui } from './ui.module.css';
