import { mount } from '../shared/mount';
import { CounterApp } from './CounterApp';
import './counter.css';

// Staff workstations are personal to the desk: the language choice is remembered.
void mount(CounterApp, { family: 'counter', remember: true, followBrowser: false });
