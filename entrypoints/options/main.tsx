import { render } from 'preact';
import { OptionsApp } from '@/components/OptionsApp';
import { uiLocale } from '@/components/locale';
import '@/components/base.css';

const locale = uiLocale();
document.documentElement.lang = locale;
render(<OptionsApp locale={locale} />, document.getElementById('app')!);
